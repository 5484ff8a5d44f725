// Lists the mutations of a JavaScript or TypeScript file from TypeScript's own syntax tree (ADR 0031): no type checking, no code run.
import type * as TS from 'typescript';

/** The typescript module as `import()` gives it (its CommonJS `export =`). */
export type TypeScriptModule = typeof import('typescript');
import type { MutationKind, MutationSite } from './mutation.js';

/** Each operator and the one it becomes: comparisons shift by one, arithmetic and logic flip (SWE-smith's op_change). */
export const JS_OPERATOR_SWAPS: Readonly<Record<string, string>> = {
  '+': '-',
  '-': '+',
  '*': '/',
  '/': '*',
  '<': '<=',
  '<=': '<',
  '>': '>=',
  '>=': '>',
  '===': '!==',
  '!==': '===',
  '==': '!=',
  '!=': '==',
  '&&': '||',
  '||': '&&',
};

const NOT_IMPLEMENTED = 'throw new Error("not implemented");';

/** Maps UTF-16 positions (TypeScript's) to UTF-8 byte offsets (every lister's common unit). */
function createByteOffsets(text: string): (position: number) => number {
  if (Buffer.byteLength(text) === text.length) return (position) => position;
  const offsets = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i += 1) offsets[i + 1] = (offsets[i] as number) + Buffer.byteLength(text[i] as string);
  return (position) => offsets[position] as number;
}

/** Every mutation inside a function body of `text`, in source order; `ts` is the typescript module (loaded on use: it is large). */
export function listJsMutations(ts: TypeScriptModule, path: string, text: string): MutationSite[] {
  const kind = /\.tsx$/.test(path)
    ? ts.ScriptKind.TSX
    : /\.[cm]?ts$/.test(path)
      ? ts.ScriptKind.TS
      : /\.jsx$/.test(path)
        ? ts.ScriptKind.JSX
        : ts.ScriptKind.JS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const toByte = createByteOffsets(text);
  const sites: MutationSite[] = [];
  const add = (kind: MutationKind, start: number, end: number, replacement: string, scope: string): void => {
    sites.push({ kind, start: toByte(start), end: toByte(end), replacement, scope });
  };
  const source = (node: TS.Node): string => text.slice(node.getStart(file), node.end);

  const visit = (node: TS.Node, scope: string | null): void => {
    let inner = scope;
    if (isFunctionWithBody(ts, node)) {
      inner = describeFunction(ts, node, file);
      const statements = node.body.statements;
      const first = statements[0];
      const last = statements.at(-1);
      if (first && last && !ts.isConstructorDeclaration(node)) add('remove-body', first.getStart(file), last.end, NOT_IMPLEMENTED, inner);
    }
    if (inner !== null) {
      if (ts.isIfStatement(node) || ts.isConditionalExpression(node)) {
        const condition = ts.isIfStatement(node) ? node.expression : node.condition;
        add('invert-condition', condition.getStart(file), condition.end, `!(${source(condition)})`, inner);
      }
      if (ts.isBinaryExpression(node)) {
        const operator = node.operatorToken.getText(file);
        const swapped = JS_OPERATOR_SWAPS[operator];
        // `"a" + b` made `-` is NaN: a crash any test shows, not a bug worth a task.
        const textual =
          operator === '+' && [node.left, node.right].some((side) => ts.isStringLiteralLike(side) || ts.isTemplateExpression(side));
        if (swapped !== undefined && !textual)
          add('change-operator', node.operatorToken.getStart(file), node.operatorToken.end, swapped, inner);
      }
      // Only a statement in a block: dropping the lone body of an unbraced `if` would take the next statement with it.
      if (
        ts.isExpressionStatement(node) &&
        isDroppable(ts, node.expression) &&
        (ts.isBlock(node.parent) || ts.isCaseOrDefaultClause(node.parent))
      )
        add('drop-statement', node.getStart(file), node.end, '', inner);
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments !== undefined && node.arguments.length >= 2) {
        const [a, b] = node.arguments as unknown as [TS.Expression, TS.Expression];
        if (!ts.isSpreadElement(a) && !ts.isSpreadElement(b) && source(a) !== source(b)) {
          const between = text.slice(a.end, b.getStart(file));
          add('swap-arguments', a.getStart(file), b.end, `${source(b)}${between}${source(a)}`, inner);
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(file, null);
  return sites;
}

type FunctionWithBody = TS.FunctionLikeDeclaration & { body: TS.Block };

function isFunctionWithBody(ts: TypeScriptModule, node: TS.Node): node is FunctionWithBody {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isConstructorDeclaration(node)) &&
    node.body !== undefined &&
    ts.isBlock(node.body)
  );
}

/** A call, an assignment or an increment: statements whose loss changes what the code does, never its syntax. */
function isDroppable(ts: TypeScriptModule, expression: TS.Expression): boolean {
  if (ts.isCallExpression(expression) || ts.isAwaitExpression(expression)) return true;
  if (ts.isPrefixUnaryExpression(expression) || ts.isPostfixUnaryExpression(expression))
    return expression.operator === ts.SyntaxKind.PlusPlusToken || expression.operator === ts.SyntaxKind.MinusMinusToken;
  return (
    ts.isBinaryExpression(expression) &&
    expression.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    expression.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

/** `name`, `Class.method`, or `<anonymous>`: which function a mutation is in, for the summary. */
function describeFunction(ts: TypeScriptModule, node: FunctionWithBody, file: TS.SourceFile): string {
  const own = node.name?.getText(file);
  const parent = node.parent;
  const holder =
    own ??
    (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
      ? parent.name.getText(file)
      : undefined);
  const owner = ts.isClassLike(parent) && parent.name ? `${parent.name.getText(file)}.` : '';
  return ts.isConstructorDeclaration(node) ? `${owner}constructor` : `${owner}${holder ?? '<anonymous>'}`;
}
