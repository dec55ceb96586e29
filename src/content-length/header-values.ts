/**
 * Where a Content-Length header gets its value, and which `.length` reads that value comes from.
 */
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberSpec } from '../lifecycle/index.js';
import { propertyName } from '../util/ast.js';

/** Header names, lower case. */
export type HeaderName = 'content-length' | 'content-type';
/** `http2.constants.HTTP2_HEADER_CONTENT_LENGTH` names the header too. */
const HTTP2_CONSTANTS: Record<HeaderName, string> = {
  'content-length': 'HTTP2_HEADER_CONTENT_LENGTH',
  'content-type': 'HTTP2_HEADER_CONTENT_TYPE',
};
const MAX_DEPTH = 6;

/** Is `node` the header name `header` (any case), directly or through a constant? */
export function isHeaderName(
  node: TSESTree.Node,
  header: HeaderName,
  sourceCode: TSESLint.SourceCode,
  depth = 0,
): boolean {
  if (node.type === 'Literal') return typeof node.value === 'string' && node.value.toLowerCase() === header;
  if (node.type === 'TemplateLiteral') {
    return node.expressions.length === 0 && node.quasis[0]?.value.cooked?.toLowerCase() === header;
  }
  if (node.type === 'MemberExpression') return propertyName(node) === HTTP2_CONSTANTS[header];
  if (node.type === 'Identifier' && depth < MAX_DEPTH) {
    if (node.name === HTTP2_CONSTANTS[header]) return true;
    const init = constantInit(node, sourceCode);
    return init !== undefined && isHeaderName(init, header, sourceCode, depth + 1);
  }
  return false;
}

/** Is `node` the header name Content-Length (any case), directly or through a constant? */
export function isContentLengthName(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  return isHeaderName(node, 'content-length', sourceCode);
}

/**
 * The value given to Content-Length at `node`, for the places a header is set:
 * - `x.setHeader(name, v)` and every other response member the lifecycle model marks as taking
 *   `(name, value)` (`appendHeader`, Express `set`/`header`/`append`; the same names on a
 *   ClientRequest, a `Headers` or a `Map`);
 * - a property `{ 'Content-Length': v }` of any object literal: header objects of `writeHead`,
 *   `res.set(obj)`, `http.request` options, `new Headers(obj)`, or a variable later passed to them;
 * - an element after the name in an array: `[name, v]` pairs (`writeHead(200, [[…]])`,
 *   `new Map([[…]])`) and Node's flat raw header arrays;
 * - an assignment `headers['Content-Length'] = v`.
 */
export function contentLengthValue(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.Node | undefined {
  return headerValue(node, 'content-length', sourceCode);
}

/** The value given to the header `header` at `node`, in the forms listed for `contentLengthValue`. */
export function headerValue(node: TSESTree.Node, header: HeaderName, sourceCode: TSESLint.SourceCode): TSESTree.Node | undefined {
  const named = (name: TSESTree.Node): boolean => isHeaderName(name, header, sourceCode);
  switch (node.type) {
    case 'CallExpression': {
      if (node.callee.type !== 'MemberExpression') return undefined;
      const name = propertyName(node.callee);
      const takes = name === undefined ? undefined : memberSpec(name)?.headerArgs;
      if (takes !== 'nameValue' && takes !== 'nameValueOrObject') return undefined;
      const [nameArg, value] = node.arguments;
      return nameArg && value && named(nameArg) ? value : undefined;
    }
    case 'Property':
      if (node.parent.type !== 'ObjectExpression' || node.kind !== 'init' || isExpectation(node.parent)) return undefined;
      return isKey(node.key, node.computed, named) ? node.value : undefined;
    case 'AssignmentExpression':
      if (node.left.type !== 'MemberExpression' || (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=')) {
        return undefined;
      }
      return isKey(node.left.property, node.left.computed, named) ? node.right : undefined;
    default:
      return undefined;
  }
}

/** Values that follow a Content-Length name in an array literal (`[name, v]`, raw header arrays). */
export function contentLengthValuesInArray(node: TSESTree.ArrayExpression, sourceCode: TSESLint.SourceCode): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  node.elements.forEach((element, index) => {
    const next = node.elements[index + 1];
    if (element && next && next.type !== 'SpreadElement' && isContentLengthName(element, sourceCode)) values.push(next);
  });
  return values;
}

/** A raw HTTP head written by hand: a `Content-Length:` header line, told from a log message by its line breaks. */
const HEADER_NAME_AT_END = /(?:^|[\r\n])content-length:[ \t]*$/iu;
const LINE_BREAK_BEFORE = /[\r\n]content-length:[ \t]*$/iu;
const LINE_BREAK_AFTER = /^[ \t]*[\r\n]/u;

function isHeaderLine(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || !HEADER_NAME_AT_END.test(before)) return false;
  return LINE_BREAK_BEFORE.test(before) || (after !== undefined && LINE_BREAK_AFTER.test(after));
}

/** The text of a string literal or of a template's last (`end`) or first quasi. */
function textOf(node: TSESTree.Node | undefined, end: 'last' | 'first'): string | undefined {
  if (node?.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node?.type !== 'TemplateLiteral') return undefined;
  return (end === 'last' ? node.quasis[node.quasis.length - 1] : node.quasis[0])?.value.cooked ?? undefined;
}

/**
 * Values placed after `Content-Length:` in hand-written HTTP text:
 * `` `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n…` `` and
 * `'…\r\nContent-Length: ' + body.length + '\r\n'`.
 */
export function contentLengthValuesInText(node: TSESTree.TemplateLiteral | TSESTree.BinaryExpression): TSESTree.Node[] {
  if (node.type === 'TemplateLiteral') {
    return node.expressions.filter((_, index) =>
      isHeaderLine(node.quasis[index]?.value.cooked ?? undefined, node.quasis[index + 1]?.value.cooked ?? undefined),
    );
  }
  if (node.operator !== '+' || (node.parent.type === 'BinaryExpression' && node.parent.operator === '+')) return [];
  const operands: TSESTree.Node[] = [];
  const flatten = (part: TSESTree.Node): void => {
    if (part.type === 'BinaryExpression' && part.operator === '+') {
      flatten(part.left);
      flatten(part.right);
    } else operands.push(part);
  };
  flatten(node);
  return operands.filter((_, index) => isHeaderLine(textOf(operands[index - 1], 'last'), textOf(operands[index + 1], 'first')));
}

/** Assertion calls: an object literal given to them describes headers someone else sent. */
const ASSERTION = /^(?:expect|assert|toEqual|toStrictEqual|toMatchObject|toHaveProperty|deepEqual|deepStrictEqual|strictEqual|equal|eql|include|match)$/u;

/** `expect(res.headers).toEqual({ 'content-length': … })`, `assert.deepEqual(headers, { … })`. */
function isExpectation(object: TSESTree.ObjectExpression): boolean {
  const call = object.parent;
  if (call.type !== 'CallExpression' || !call.arguments.includes(object)) return false;
  const callee = call.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && ASSERTION.test(name);
}

function isKey(key: TSESTree.Node, computed: boolean, named: (name: TSESTree.Node) => boolean): boolean {
  return computed ? named(key) : key.type === 'Literal' && named(key);
}

/**
 * The `.length` reads a header value is computed from, through the wrappers people put around a
 * number: `String(n)`, `n.toString()`, `` `${n}` ``, `'' + n`, `+n`, `Number(n)`, `a ? n : 0`, `a + n`,
 * `n || 0`, and a variable initialised from one of those (`const len = body.length`).
 */
export function lengthReads(
  value: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
  depth = 0,
): TSESTree.MemberExpression[] {
  if (depth > MAX_DEPTH) return [];
  const next = (node: TSESTree.Node): TSESTree.MemberExpression[] => lengthReads(node, sourceCode, depth + 1);
  switch (value.type) {
    case 'MemberExpression':
      return propertyName(value) === 'length' && value.object.type !== 'Super' ? [value] : [];
    case 'ChainExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return next(value.expression);
    case 'CallExpression': {
      const callee = value.callee;
      if (callee.type === 'Identifier' && (callee.name === 'String' || callee.name === 'Number') && value.arguments[0]) {
        return next(value.arguments[0]);
      }
      if (callee.type === 'MemberExpression' && propertyName(callee) === 'toString' && value.arguments.length === 0) {
        return next(callee.object);
      }
      // `getContentLength()` / `this.getContentLength()` defined in the same file: what it returns
      return returnedValues(localFunction(callee, sourceCode)).flatMap(next);
    }
    case 'TemplateLiteral':
      return value.expressions.length === 1 && value.quasis.every((q) => (q.value.cooked ?? '').trim() === '')
        ? next(value.expressions[0] as TSESTree.Expression)
        : [];
    case 'BinaryExpression':
      // `'' + n`, and sums and multiples of lengths (`head.length + body.length`, `n * part.length`)
      if (value.operator !== '+' && value.operator !== '-' && value.operator !== '*') return [];
      return [...next(value.left), ...next(value.right)];
    case 'UnaryExpression':
      return value.operator === '+' ? next(value.argument) : [];
    case 'ConditionalExpression':
      return [...next(value.consequent), ...next(value.alternate)];
    case 'LogicalExpression':
      return [...next(value.left), ...next(value.right)];
    case 'Identifier': {
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      if (!variable || variable.defs.length !== 1 || variable.defs[0]?.type !== 'Variable') return [];
      return variable.references
        .filter((ref) => ref.isWrite() && ref.writeExpr)
        .flatMap((ref) => {
          const parent = ref.identifier.parent;
          if (parent?.type === 'AssignmentExpression' && parent.operator !== '=') return [];
          return next(ref.writeExpr as TSESTree.Node);
        });
    }
    default:
      return [];
  }
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** The function a call goes to when it is declared in the same file: `f()` or `this.method()` in a class. */
function localFunction(callee: TSESTree.Node, sourceCode: TSESLint.SourceCode): FunctionNode | undefined {
  if (callee.type === 'Identifier') {
    const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return def.node;
    const init = constantInit(callee, sourceCode);
    return init?.type === 'ArrowFunctionExpression' || init?.type === 'FunctionExpression' ? init : undefined;
  }
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'ThisExpression') return undefined;
  const name = propertyName(callee);
  let node: TSESTree.Node | undefined = callee;
  while (node && node.type !== 'ClassBody') node = node.parent;
  const method = node?.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === 'MethodDefinition' && member.kind === 'method' && !member.computed && member.key.type === 'Identifier' && member.key.name === name,
  );
  return method?.value.type === 'FunctionExpression' ? method.value : undefined;
}

/** The expressions a function returns (its body, for an expression-bodied arrow), nested functions excluded. */
function returnedValues(fn: FunctionNode | undefined): TSESTree.Node[] {
  if (!fn) return [];
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const values: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === 'ReturnStatement') {
      if (node.argument) values.push(node.argument);
      return;
    }
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ClassBody') return;
    for (const key of ['body', 'consequent', 'alternate', 'block', 'handler', 'finalizer', 'cases'] as const) {
      const child = (node as unknown as Record<string, TSESTree.Node | TSESTree.Node[] | null | undefined>)[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child) visit(child);
    }
  };
  fn.body.body.forEach(visit);
  return values;
}

/** The initialiser of a `const` bound to a literal-ish value, for header names kept in constants. */
export function constantInit(node: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): TSESTree.Node | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  if (def.node.id !== def.name || variable.references.filter((r) => r.isWrite()).length !== 1) return undefined;
  return def.node.init ?? undefined;
}
