// The syntax tree as the rest of the engine sees it. Only parser.ts knows which parser
// library produces these nodes; everything else reads them through this interface.

export interface Point {
  row: number;
  column: number;
}

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly children: SyntaxNode[];
  readonly namedChildren: SyntaxNode[];
  readonly parent: SyntaxNode | null;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly id: number;
  child(index: number): SyntaxNode | null;
  namedChild(index: number): SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): SyntaxNode[];
  descendantForIndex(startIndex: number, endIndex?: number): SyntaxNode | null;
}

export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
  /** Frees the tree (trees live outside the JS heap). */
  dispose(): void;
}
