/**
 * Values proven to be pure ASCII text once converted to a string. A string's `.length` counts
 * UTF-16 units, which equal its UTF-8 bytes exactly when every character is ASCII, so such a
 * `.length` is a correct Content-Length. The proof is built from the syntax (and, with type
 * information, from number types): anything not proven is left to the origin analysis.
 */
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from '../util/ast.js';
import { ASCII_ENCODINGS, memberPath } from './origin.js';

const ASCII = /^\p{ASCII}*$/u;
const isAscii = (text: string): boolean => ASCII.test(text);

const MAX_DEPTH = 12;
/** Globals whose value prints as ASCII (`${undefined}`, `${NaN}`). */
const ASCII_GLOBALS = new Set(['undefined', 'NaN', 'Infinity']);
/** Global functions whose result is a number or a boolean, or text escaped to ASCII. */
const ASCII_RESULT_FUNCTIONS = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'Boolean',
  'BigInt',
  'encodeURIComponent',
  'encodeURI',
  'escape',
]);
/** `Math.max(…)`, `Date.now()`, `Buffer.byteLength(…)`: numbers. */
const ASCII_RESULT_PATHS = /^Math\.\w+$|^Date\.(?:now|parse|UTC)$|^Buffer\.(?:byteLength|compare)$/u;
/** Methods that give ASCII text whatever they are called on: number formatting, ISO/UTC dates, `crypto.randomUUID()`. */
const ASCII_RESULT_METHODS = new Set(['toFixed', 'toPrecision', 'toExponential', 'toISOString', 'toUTCString', 'randomUUID']);
/** Properties that are numbers: `${body.length}` is ASCII. */
const NUMBER_PROPERTIES = new Set(['length', 'byteLength']);
/**
 * String methods whose result is ASCII when the receiver and every argument are
 * (locale-sensitive case mappings are left out: Turkish `'i'.toLocaleUpperCase('tr')` is `'İ'`).
 */
const ASCII_PRESERVING_METHODS = new Set([
  'toString',
  'valueOf',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'substr',
  'charAt',
  'at',
  'toLowerCase',
  'toUpperCase',
  'repeat',
  'padStart',
  'padEnd',
  'concat',
  'replace',
  'replaceAll',
  'normalize',
]);
/** Methods whose result is text in the encoding named by their first argument: `hash.digest('hex')`, `buf.toString('base64')`. */
const ENCODING_METHODS = new Set(['toString', 'digest']);
const HTTP_MODULES = new Set(['http', 'node:http']);

type Expression = TSESTree.Node;

export class AsciiText {
  private readonly inProgress = new Set<TSESTree.Node>();

  /** `isNumeric` answers from the type checker, when the file has types, whether a value is a number. */
  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly isNumeric: (node: TSESTree.Node) => boolean = () => false,
  ) {}

  /** Whether `node`, converted to a string, is certainly pure ASCII. */
  proven(node: Expression, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    const next = depth + 1;
    switch (node.type) {
      case 'Literal':
        // numbers, booleans, null and bigints print as ASCII; a regular expression prints its source
        return typeof node.value === 'string' ? isAscii(node.value) : isAscii(node.raw);
      case 'TemplateLiteral':
        return node.quasis.every((q) => q.value.cooked != null && isAscii(q.value.cooked)) && this.all(node.expressions, next);
      case 'TaggedTemplateExpression':
        return (
          memberPath(node.tag) === 'String.raw' &&
          node.quasi.quasis.every((q) => isAscii(q.value.raw)) &&
          this.all(node.quasi.expressions, next)
        );
      case 'BinaryExpression':
        // only `+` can give text; every other operator gives a number, a bigint or a boolean
        return node.operator !== '+' || (this.proven(node.left, next) && this.proven(node.right, next));
      case 'UnaryExpression': // numbers, booleans, `typeof`'s type names, `void`'s undefined
      case 'UpdateExpression':
        return true;
      case 'LogicalExpression':
        return this.proven(node.left, next) && this.proven(node.right, next);
      case 'ConditionalExpression':
        return this.proven(node.consequent, next) && this.proven(node.alternate, next);
      case 'SequenceExpression':
        return this.proven(node.expressions[node.expressions.length - 1] as Expression, next);
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.proven(node.expression, next) || this.isNumeric(node);
      case 'Identifier':
        return this.identifier(node, next);
      case 'MemberExpression':
        return this.member(node) || this.isNumeric(node);
      case 'CallExpression':
        return this.call(node, next) || this.isNumeric(node);
      default:
        return false;
    }
  }

  private all(nodes: readonly Expression[], depth: number): boolean {
    return nodes.every((n) => this.proven(n, depth));
  }

  /** A `const` bound to a proven value (through any number of `const` aliases), or a number by annotation or type. */
  private identifier(node: TSESTree.Identifier, depth: number): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable || variable.defs.length === 0) return ASCII_GLOBALS.has(node.name);
    if (this.isNumeric(node)) return true;
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || !def) return false;
    const name = def.name as TSESTree.Identifier;
    if ((def.type === 'Variable' || def.type === 'Parameter') && name.typeAnnotation && isNumberType(name.typeAnnotation.typeAnnotation)) {
      return true; // the programmer's word, which the compiler holds every write to
    }
    if (def.type !== 'Variable' || def.parent?.type !== 'VariableDeclaration' || def.parent.kind !== 'const') return false;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id !== name || !declarator.init || this.inProgress.has(declarator)) return false;
    this.inProgress.add(declarator);
    try {
      return this.proven(declarator.init, depth);
    } finally {
      this.inProgress.delete(declarator);
    }
  }

  /** `http.STATUS_CODES[code]`, `STATUS_CODES[code]` imported from node:http, and number properties (`body.length`). */
  private member(node: TSESTree.MemberExpression): boolean {
    if (NUMBER_PROPERTIES.has(propertyName(node) ?? '')) return true;
    if (!node.computed) return false;
    const table = node.object;
    if (table.type === 'Identifier') return this.isHttpExport(table, 'STATUS_CODES');
    return (
      table.type === 'MemberExpression' &&
      propertyName(table) === 'STATUS_CODES' &&
      table.object.type === 'Identifier' &&
      this.isHttpModule(table.object)
    );
  }

  private call(node: TSESTree.CallExpression, depth: number): boolean {
    const callee = node.callee;
    const args = node.arguments;
    const path = memberPath(callee);
    if (path === 'String') return args.length === 0 || (args[0] !== undefined && this.proven(args[0], depth));
    if (path === 'JSON.stringify') return this.stringified(args, depth);
    if (callee.type === 'Identifier') return ASCII_RESULT_FUNCTIONS.has(callee.name) && isGlobal(this.sourceCode, callee);
    if (path !== undefined && ASCII_RESULT_PATHS.test(path)) return true;
    if (callee.type !== 'MemberExpression') return false;
    const method = propertyName(callee);
    if (method === undefined) return false;
    const first = args[0];
    if (ENCODING_METHODS.has(method) && first?.type === 'Literal' && ASCII_ENCODINGS.has(String(first.value))) return true;
    if (ASCII_RESULT_METHODS.has(method)) return true;
    const receiver = callee.object;
    if (method === 'join') {
      // `[a, b].join(',')`: the elements and the separator
      return (
        receiver.type === 'ArrayExpression' &&
        receiver.elements.every((e) => e === null || (e.type !== 'SpreadElement' && this.proven(e, depth))) &&
        this.all(args, depth)
      );
    }
    // `n.toString(16)`, `code.toUpperCase()`, `id.padStart(8, '0')`: ASCII in, ASCII out
    return ASCII_PRESERVING_METHODS.has(method) && this.proven(receiver, depth) && this.all(args, depth);
  }

  /** `JSON.stringify(value)` with no replacer: ASCII when the value's JSON is. */
  private stringified(args: TSESTree.CallExpressionArgument[], depth: number): boolean {
    const [value, replacer, space] = args;
    if (!value || value.type === 'SpreadElement') return false;
    const noReplacer = !replacer || (replacer.type === 'Literal' && replacer.value === null);
    return noReplacer && (!space || this.proven(space, depth)) && this.json(value, depth);
  }

  /**
   * An object or array literal written in place whose keys and values are ASCII, or any proven
   * value (JSON escapes only ASCII characters of its own). A `const` bound to an object is not
   * followed: the object may be changed between its creation and the call.
   */
  private json(node: Expression, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    if (node.type === 'ArrayExpression') {
      return node.elements.every((e) => e === null || (e.type !== 'SpreadElement' && this.json(e, depth + 1)));
    }
    if (node.type !== 'ObjectExpression') return this.proven(node, depth);
    return node.properties.every(
      (p) =>
        p.type === 'Property' &&
        p.kind === 'init' &&
        !p.method &&
        (p.computed ? this.proven(p.key, depth + 1) : isAscii(this.sourceCode.getText(p.key))) &&
        this.json(p.value, depth + 1),
    );
  }

  /** `http` as a module: imported or required from node:http, or an undeclared global (a script's `http`). */
  private isHttpModule(node: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable || variable.defs.length === 0) return node.name === 'http';
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || !def) return false;
    if (def.type === 'ImportBinding') {
      return (
        (def.node.type === 'ImportDefaultSpecifier' || def.node.type === 'ImportNamespaceSpecifier') &&
        isHttpSource(def.parent)
      );
    }
    if (def.type !== 'Variable' || def.parent?.type !== 'VariableDeclaration' || def.parent.kind !== 'const') return false;
    const declarator = def.node as TSESTree.VariableDeclarator;
    return declarator.id === def.name && isHttpRequire(declarator.init);
  }

  /** `STATUS_CODES` from `import { STATUS_CODES } from 'node:http'` or `const { STATUS_CODES } = require('http')`. */
  private isHttpExport(node: TSESTree.Identifier, exported: string): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def) return false;
    if (def.type === 'ImportBinding') {
      const specifier = def.node;
      return (
        specifier.type === 'ImportSpecifier' &&
        (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) === exported &&
        isHttpSource(def.parent)
      );
    }
    if (def.type !== 'Variable' || def.parent?.type !== 'VariableDeclaration' || def.parent.kind !== 'const') return false;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== 'ObjectPattern') return false;
    const property = declarator.id.properties.find((p) => p.type === 'Property' && p.value === def.name);
    const fromHttp =
      isHttpRequire(declarator.init) || (declarator.init?.type === 'Identifier' && this.isHttpModule(declarator.init));
    return property?.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === exported && fromHttp;
  }
}

function isHttpSource(declaration: TSESTree.Node | null | undefined): boolean {
  return declaration?.type === 'ImportDeclaration' && HTTP_MODULES.has(declaration.source.value);
}

/** `require('http')`, `require('node:http')`. */
function isHttpRequire(node: TSESTree.Node | null | undefined): boolean {
  const source = node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' ? node.arguments[0] : undefined;
  return source?.type === 'Literal' && typeof source.value === 'string' && HTTP_MODULES.has(source.value);
}

function isGlobal(sourceCode: TSESLint.SourceCode, node: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  return !variable || variable.defs.length === 0;
}

/** `number`, `bigint`, `boolean` (possibly missing) and unions of them: annotations of values that print as ASCII. */
function isNumberType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case 'TSNullKeyword':
    case 'TSUndefinedKeyword':
      return type.parent?.type === 'TSUnionType';
    case 'TSNumberKeyword':
    case 'TSBigIntKeyword':
    case 'TSBooleanKeyword':
      return true;
    case 'TSLiteralType':
      return type.literal.type === 'Literal' && typeof type.literal.value !== 'string';
    case 'TSUnionType':
      return type.types.every(isNumberType);
    default:
      return false;
  }
}
