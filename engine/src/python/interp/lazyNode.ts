// A caching view of the syntax tree. The interpreter visits function bodies once per call
// site and loop bodies once per iteration; every child or field lookup on the parser's own
// nodes crosses into WASM and allocates, so each is read once here and kept.
import type { Point, SyntaxNode } from '../syntax';

export class LazyNode implements SyntaxNode {
  private _type?: string;
  private _text?: string;
  private _children?: LazyNode[];
  private _named?: LazyNode[];
  /** Field lookups so far: names and their children (null: no such field), in step. */
  private _fieldNames?: string[];
  private _fieldNodes?: Array<LazyNode | null>;
  /** Children wrapped through a field lookup before either child list was read. */
  private _loose?: LazyNode[];
  private _fieldLists?: Map<string, LazyNode[]>;
  private _start?: Point;
  private _end?: Point;
  private _startIndex?: number;
  private _endIndex?: number;
  private _isNamed?: boolean;

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

  /**
   * All children. Children already wrapped (as named children or through a field) are
   * reused, matched by node id (unique within a tree, and a plain field of the parser's
   * node, so matching costs no call into the parser), so identity holds.
   */
  get children(): LazyNode[] {
    if (this._children) return this._children;
    const named = this._named;
    let next = 0;
    this._children = this.raw.children.map((c) => {
      // Named children come in the same order as in the full list.
      if (named && next < named.length && named[next].id === c.id) return named[next++];
      return this.looseChild(c.id) ?? new LazyNode(c, this);
    });
    this._loose = undefined;
    return this._children;
  }

  /**
   * Named children are read from the parser on their own when the full list is not needed
   * yet: most statements and expressions are only ever walked through their named children
   * and fields, and this skips materialising every punctuation and keyword token.
   */
  get namedChildren(): LazyNode[] {
    if (this._named) return this._named;
    if (this._children) return (this._named = this._children.filter((c) => c.isNamed));
    this._named = this.raw.namedChildren.map((c) => {
      const wrapped = this.looseChild(c.id) ?? new LazyNode(c, this);
      wrapped._isNamed = true;
      return wrapped;
    });
    return this._named;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get isNamed(): boolean {
    return (this._isNamed ??= this.raw.isNamed);
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

  /**
   * A field's child is wrapped once and shared with the child lists (see `children`), so
   * identity holds; a node reached only through its fields (`f(x)`, `a.b`, `x = y`) never
   * has its other children read from the parser at all.
   */
  childForFieldName(fieldName: string): LazyNode | null {
    const names = (this._fieldNames ??= []);
    const at = names.indexOf(fieldName);
    if (at >= 0) return this._fieldNodes![at];
    const found = this.raw.childForFieldName(fieldName);
    const wrapped = found ? this.wrapChild(found) : null;
    names.push(fieldName);
    (this._fieldNodes ??= []).push(wrapped);
    return wrapped;
  }

  childrenForFieldName(fieldName: string): LazyNode[] {
    this._fieldLists ??= new Map();
    const cached = this._fieldLists.get(fieldName);
    if (cached) return cached;
    const found = this.raw.childrenForFieldName(fieldName);
    const wrapped = found.map((f) => this.wrapChild(f));
    this._fieldLists.set(fieldName, wrapped);
    return wrapped;
  }

  private looseChild(id: number): LazyNode | undefined {
    const loose = this._loose;
    if (loose) for (const c of loose) if (c.id === id) return c;
    return undefined;
  }

  private wrapChild(found: SyntaxNode): LazyNode {
    const id = found.id;
    const listed = this._children ?? this._named;
    if (listed) for (const c of listed) if (c.id === id) return c;
    if (this._children) return new LazyNode(found, this);
    const loose = this.looseChild(id);
    if (loose) return loose;
    const wrapped = new LazyNode(found, this);
    (this._loose ??= []).push(wrapped);
    return wrapped;
  }

  descendantForIndex(startIndex: number, endIndex?: number): SyntaxNode | null {
    return this.raw.descendantForIndex(startIndex, endIndex);
  }
}
