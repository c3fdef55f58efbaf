import ts from 'typescript';

/** One hand-written list of state names in a source file: where it starts (1-based line) and the names it spells. */
export interface SpelledList {
  readonly line: number;
  readonly names: readonly string[];
}

/**
 * Test support: every list of at least `atLeast` distinct names from `names` spelled as string literals in one
 * TypeScript or JavaScript source — an array (a Set's too), a union of literal types, the arguments of one call, a
 * chain of `===`/`!==` comparisons joined by `||` or `&&`, or `case` labels sharing one body. Comments and
 * identifiers do not count: a derived group (`statesOfPhase('Participation')`) is not a list.
 * @example findStateLists("const x = ['ACTIVE', 'SUSPENDED', 'WINDING_DOWN'];", 'x.ts', new Set(['ACTIVE', 'SUSPENDED', 'WINDING_DOWN'])) // [{ line: 1, names: [...] }]
 */
export function findStateLists(source: string, fileName: string, names: ReadonlySet<string>, atLeast = 3): SpelledList[] {
  // Parsing is the cost: a source that does not even mention enough of the names cannot hold such a list.
  if ([...names].filter((name) => source.includes(name)).length < atLeast) return [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: SpelledList[] = [];
  const report = (node: ts.Node, members: readonly ts.Node[]): void => {
    const spelled = [...new Set(members.flatMap((member) => (ts.isStringLiteralLike(member) && names.has(member.text) ? [member.text] : [])))];
    if (spelled.length >= atLeast) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, names: spelled });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isArrayLiteralExpression(node)) report(node, node.elements);
    else if (ts.isUnionTypeNode(node)) report(node, node.types.map((type) => (ts.isLiteralTypeNode(type) ? type.literal : type)));
    else if (ts.isCallExpression(node) || ts.isNewExpression(node)) report(node, node.arguments ?? []);
    else if (isChainHead(node)) report(node, comparedLiterals(node));
    else if (ts.isCaseBlock(node)) for (const group of caseGroups(node)) report(group[0]!, group.map((clause) => clause.expression));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const LOGICAL = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** The outermost `a || b || …` (or `&&`) of a chain: its parent is not the same operator. */
function isChainHead(node: ts.Node): node is ts.BinaryExpression {
  if (!ts.isBinaryExpression(node) || !LOGICAL.has(node.operatorToken.kind)) return false;
  const parent = skipParentheses(node.parent, 'up');
  return !(ts.isBinaryExpression(parent) && parent.operatorToken.kind === node.operatorToken.kind);
}

/** The string literals compared with `===`/`!==` in each operand of a logical chain. */
function comparedLiterals(chain: ts.BinaryExpression): ts.Node[] {
  const operands = (node: ts.Node): ts.Node[] => {
    const inner = skipParentheses(node, 'down');
    return ts.isBinaryExpression(inner) && inner.operatorToken.kind === chain.operatorToken.kind ? [...operands(inner.left), ...operands(inner.right)] : [inner];
  };
  return operands(chain).flatMap((operand) => (ts.isBinaryExpression(operand) && EQUALITY.has(operand.operatorToken.kind) ? [operand.left, operand.right] : []));
}

function skipParentheses(node: ts.Node, direction: 'up' | 'down'): ts.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = direction === 'down' ? current.expression : current.parent;
  return current;
}

/** The runs of `case` labels that share one body (every label but the last has no statements). */
function caseGroups(block: ts.CaseBlock): ts.CaseClause[][] {
  const groups: ts.CaseClause[][] = [];
  let run: ts.CaseClause[] = [];
  for (const clause of block.clauses) {
    if (ts.isCaseClause(clause)) run.push(clause);
    if (clause.statements.length > 0 || ts.isDefaultClause(clause)) {
      if (run.length > 0) groups.push(run);
      run = [];
    }
  }
  if (run.length > 0) groups.push(run);
  return groups;
}
