// A caching view of the syntax tree. The interpreter visits function bodies once per call
// site and loop bodies once per iteration; every child or field lookup on the parser's own
// nodes crosses into WASM and allocates, so each is read once here and kept.
import type { Point, SyntaxNode } from '../syntax';

export class LazyNode implements SyntaxNode {
  private _type?: string;
  private _text?: string;
  private _children?: LazyNode[];
  private _named?: LazyNode[];
  private _fields?: Map<string, LazyNode | null>;
  private _fieldLists?: Map<string, LazyNode[]>;
  private _start?: Point;
  private _end?: Point;
  private _startIndex?: number;
  private _endIndex?: number;

  constructor(private readonly raw: SyntaxNode, readonly parent: LazyNode | null) {}

  get type(): string {
    return (this._type ??= this.raw.type);
  }

  get text(): string {
    return (this._text ??= this.raw.text);
  }

  get startIndex(): number {
    return (this._startIndex ??= this.raw.startIndex);
  }

  get endIndex(): number {
    return (this._endIndex ??= this.raw.endIndex);
  }

  get startPosition(): Point {
    return (this._start ??= this.raw.startPosition);
  }

  get endPosition(): Point {
    return (this._end ??= this.raw.endPosition);
  }

  get children(): LazyNode[] {
    return (this._children ??= this.raw.children.map((c) => new LazyNode(c, this)));
  }

  get namedChildren(): LazyNode[] {
    return (this._named ??= this.children.filter((c) => c.isNamed));
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get isNamed(): boolean {
    return this.raw.isNamed;
  }

  get isMissing(): boolean {
    return this.raw.isMissing;
  }

  get hasError(): boolean {
    return this.raw.hasError;
  }

  get id(): number {
    return this.raw.id;
  }

  child(index: number): LazyNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): LazyNode | null {
    return this.namedChildren[index] ?? null;
  }

  /** Field lookups are matched back to the cached children by position, so identity holds. */
  childForFieldName(fieldName: string): LazyNode | null {
    this._fields ??= new Map();
    const cached = this._fields.get(fieldName);
    if (cached !== undefined) return cached;
    const found = this.raw.childForFieldName(fieldName);
    const wrapped = found ? this.children.find((c) => c.startIndex === found.startIndex && c.endIndex === found.endIndex && c.type === found.type) ?? new LazyNode(found, this) : null;
    this._fields.set(fieldName, wrapped);
    return wrapped;
  }

  childrenForFieldName(fieldName: string): LazyNode[] {
    this._fieldLists ??= new Map();
    const cached = this._fieldLists.get(fieldName);
    if (cached) return cached;
    const found = this.raw.childrenForFieldName(fieldName);
    const wrapped = found.map((f) => this.children.find((c) => c.startIndex === f.startIndex && c.endIndex === f.endIndex && c.type === f.type) ?? new LazyNode(f, this));
    this._fieldLists.set(fieldName, wrapped);
    return wrapped;
  }

  descendantForIndex(startIndex: number, endIndex?: number): SyntaxNode | null {
    return this.raw.descendantForIndex(startIndex, endIndex);
  }
}
