// A view of a tree parsed from text whose starred items were blanked (see parser.ts): the
// element after each blanked `*` is shown as the `list_splat` it was, so `x = 1, *[2]` is
// the tuple (1, 2) and not (1, [2]), and every node's text is read from the original source.
import type { Point, SyntaxNode } from './syntax';

/** Node types whose direct children may be starred items. */
const CONTAINERS = new Set(['expression_list', 'tuple', 'list', 'set', 'argument_list']);

interface ViewContext {
  readonly text: string;
  /** Index of the first character after each blanked star. */
  readonly starred: ReadonlySet<number>;
  readonly nodes: Map<number, ViewNode>;
  readonly splats: Map<number, SplatNode>;
}

export function splatView(root: SyntaxNode, originalText: string, starred: ReadonlySet<number>): SyntaxNode {
  const ctx: ViewContext = { text: originalText, starred, nodes: new Map(), splats: new Map() };
  return wrap(ctx, root);
}

function wrap(ctx: ViewContext, raw: SyntaxNode): ViewNode {
  let node = ctx.nodes.get(raw.id);
  if (!node) ctx.nodes.set(raw.id, (node = new ViewNode(ctx, raw)));
  return node;
}

function isStarred(ctx: ViewContext, raw: SyntaxNode, rawParent: SyntaxNode | null): boolean {
  return raw.isNamed && ctx.starred.has(raw.startIndex) && rawParent !== null && CONTAINERS.has(rawParent.type);
}

/** How `raw` appears among its parent's children: itself, or wrapped in its restored splat. */
function asChild(ctx: ViewContext, raw: SyntaxNode, rawParent: SyntaxNode): SyntaxNode {
  if (!isStarred(ctx, raw, rawParent)) return wrap(ctx, raw);
  let splat = ctx.splats.get(raw.id);
  if (!splat) ctx.splats.set(raw.id, (splat = new SplatNode(ctx, raw)));
  return splat;
}

class ViewNode implements SyntaxNode {
  private _children?: SyntaxNode[];

  constructor(private readonly ctx: ViewContext, readonly raw: SyntaxNode) {}

  get type(): string { return this.raw.type; }
  get text(): string { return this.ctx.text.slice(this.raw.startIndex, this.raw.endIndex); }
  get startIndex(): number { return this.raw.startIndex; }
  get endIndex(): number { return this.raw.endIndex; }
  get startPosition(): Point { return this.raw.startPosition; }
  get endPosition(): Point { return this.raw.endPosition; }
  get isNamed(): boolean { return this.raw.isNamed; }
  get isMissing(): boolean { return this.raw.isMissing; }
  get hasError(): boolean { return this.raw.hasError; }
  get id(): number { return this.raw.id; }

  get children(): SyntaxNode[] {
    return (this._children ??= this.raw.children.map((c) => asChild(this.ctx, c, this.raw)));
  }
  get namedChildren(): SyntaxNode[] { return this.children.filter((c) => c.isNamed); }
  get childCount(): number { return this.children.length; }
  get namedChildCount(): number { return this.namedChildren.length; }
  child(index: number): SyntaxNode | null { return this.children[index] ?? null; }
  namedChild(index: number): SyntaxNode | null { return this.namedChildren[index] ?? null; }

  get parent(): SyntaxNode | null {
    const p = this.raw.parent;
    if (!p) return null;
    return isStarred(this.ctx, this.raw, p) ? asChild(this.ctx, this.raw, p) : wrap(this.ctx, p);
  }

  childForFieldName(fieldName: string): SyntaxNode | null {
    const found = this.raw.childForFieldName(fieldName);
    return found ? asChild(this.ctx, found, this.raw) : null;
  }

  childrenForFieldName(fieldName: string): SyntaxNode[] {
    return this.raw.childrenForFieldName(fieldName).map((c) => asChild(this.ctx, c, this.raw));
  }

  descendantForIndex(startIndex: number, endIndex?: number): SyntaxNode | null {
    const found = this.raw.descendantForIndex(startIndex, endIndex);
    return found ? wrap(this.ctx, found) : null;
  }
}

/** The restored `*item`: an anonymous `*` token and the item. */
class SplatNode implements SyntaxNode {
  readonly type = 'list_splat';
  readonly isNamed = true;
  readonly isMissing = false;
  readonly childCount = 2;
  readonly namedChildCount = 1;
  private readonly star: StarToken;

  constructor(private readonly ctx: ViewContext, private readonly raw: SyntaxNode) {
    this.star = new StarToken(this);
  }

  get text(): string { return this.ctx.text.slice(this.startIndex, this.raw.endIndex); }
  get startIndex(): number { return this.raw.startIndex - 1; }
  get endIndex(): number { return this.raw.endIndex; }
  get startPosition(): Point { return { row: this.raw.startPosition.row, column: this.raw.startPosition.column - 1 }; }
  get endPosition(): Point { return this.raw.endPosition; }
  get hasError(): boolean { return this.raw.hasError; }
  // Negative ids never collide with the parser's own (addresses in WASM memory).
  get id(): number { return -1 - Math.abs(this.raw.id); }
  get item(): SyntaxNode { return wrap(this.ctx, this.raw); }
  get children(): SyntaxNode[] { return [this.star, this.item]; }
  get namedChildren(): SyntaxNode[] { return [this.item]; }
  get parent(): SyntaxNode | null { const p = this.raw.parent; return p ? wrap(this.ctx, p) : null; }
  child(index: number): SyntaxNode | null { return this.children[index] ?? null; }
  namedChild(index: number): SyntaxNode | null { return index === 0 ? this.item : null; }
  childForFieldName(): SyntaxNode | null { return null; }
  childrenForFieldName(): SyntaxNode[] { return []; }
  descendantForIndex(startIndex: number, endIndex?: number): SyntaxNode | null {
    if (startIndex === this.startIndex && (endIndex ?? startIndex) <= this.startIndex + 1) return this.star;
    return this.item.descendantForIndex(startIndex, endIndex);
  }
}

class StarToken implements SyntaxNode {
  readonly type = '*';
  readonly text = '*';
  readonly isNamed = false;
  readonly isMissing = false;
  readonly hasError = false;
  readonly childCount = 0;
  readonly namedChildCount = 0;
  readonly children: SyntaxNode[] = [];
  readonly namedChildren: SyntaxNode[] = [];

  constructor(readonly parent: SplatNode) {}

  get startIndex(): number { return this.parent.startIndex; }
  get endIndex(): number { return this.parent.startIndex + 1; }
  get startPosition(): Point { return this.parent.startPosition; }
  get endPosition(): Point { const p = this.parent.startPosition; return { row: p.row, column: p.column + 1 }; }
  get id(): number { return this.parent.id - 0.5; }
  child(): SyntaxNode | null { return null; }
  namedChild(): SyntaxNode | null { return null; }
  childForFieldName(): SyntaxNode | null { return null; }
  childrenForFieldName(): SyntaxNode[] { return []; }
  descendantForIndex(): SyntaxNode | null { return this; }
}
