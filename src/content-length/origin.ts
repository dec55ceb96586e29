/**
 * What a value whose `.length` is read is made of, told from the syntax alone: how it was built,
 * its type annotation, or a guard around the read (`Buffer.isBuffer(x) ? x.length : …`).
 */
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName } from '../util/ast.js';

/**
 * - `string`: certainly a string;
 * - `maybeString`: a string on some path and not on another (`string | Buffer`);
 * - `bytes`: a Buffer, typed array or ArrayBuffer, whose `.length` is a byte count;
 * - `other`: certainly neither (arrays, objects, numbers): `.length` is not a string length;
 * - `unknown`: the rule cannot tell.
 */
export type Origin = 'string' | 'maybeString' | 'bytes' | 'other' | 'unknown';

/** The origin of a value that is one of several origins (a variable with two writes, `a ? b : c`). */
export function joinOrigins(origins: readonly Origin[]): Origin {
  const set = new Set(origins);
  if (set.size === 0 || set.has('unknown')) return 'unknown';
  if (set.size === 1) return origins[0] as Origin;
  if (set.has('string') || set.has('maybeString')) return 'maybeString';
  return 'other'; // bytes and other: no string on any path
}

// Constructors and factories whose result's `.length` counts bytes (or elements of a byte view).
const BYTE_CONSTRUCTORS = new Set([
  'Buffer',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int8Array',
]);
const BYTE_TYPE_NAMES = new Set([
  ...BYTE_CONSTRUCTORS,
  'ArrayBufferLike',
  'ArrayBufferView',
  'TypedArray',
  'NonSharedBuffer',
]);
const BUFFER_FACTORIES = new Set(['from', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'concat', 'copyBytesFrom']);
/**
 * zlib's codecs and crypto's byte source: the `…Sync` forms return a Buffer, the others (and their
 * promisified forms) deliver one to a callback or a promise.
 */
const ASYNC_BYTE_FUNCTIONS = new Set([
  'gzip',
  'gunzip',
  'deflate',
  'deflateRaw',
  'inflate',
  'inflateRaw',
  'unzip',
  'brotliCompress',
  'brotliDecompress',
  'randomBytes',
]);
const BYTE_FUNCTIONS = new Set([...ASYNC_BYTE_FUNCTIONS, ...[...ASYNC_BYTE_FUNCTIONS].map((name) => `${name}Sync`)]);
/** `image.toBuffer()`, `storage.getBuffer(key)`, `streamToBuffer(stream)`: functions named for the Buffer they return. */
const BYTE_METHOD_NAME = /^(?:[a-z]\w*)?Buffer$/u;
/** Methods that return a string whatever they are called on. */
const STRING_METHODS = new Set([
  'toString',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'toLocaleString',
  'trim',
  'trimStart',
  'trimEnd',
  'padStart',
  'padEnd',
  'repeat',
  'replace',
  'replaceAll',
  'substring',
  'substr',
  'normalize',
  'join',
  'charAt',
  'toFixed',
  'toISOString',
  'toUTCString',
  'stringify',
]);
/** Encodings whose text is pure ASCII, so its `.length` is its byte count. */
export const ASCII_ENCODINGS = new Set(['base64', 'base64url', 'hex', 'ascii']);
/** Global functions that return a string. */
const STRING_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'escape']);
/** Members only a Buffer (or typed array) has: using one says what the value is. */
const BUFFER_ONLY_MEMBERS = new Set([
  'copy',
  'equals',
  'fill',
  'byteLength',
  'byteOffset',
  'subarray',
  'readUInt8',
  'readUInt16BE',
  'readUInt16LE',
  'readUInt32BE',
  'readUInt32LE',
  'readInt8',
  'readInt32BE',
  'readInt32LE',
  'writeUInt8',
  'writeUInt16BE',
  'writeUInt32BE',
  'writeInt32BE',
]);
/** Methods only a string has. */
const STRING_ONLY_METHODS = new Set([
  'charAt',
  'charCodeAt',
  'codePointAt',
  'toUpperCase',
  'toLowerCase',
  'trim',
  'trimStart',
  'trimEnd',
  'split',
  'replace',
  'replaceAll',
  'startsWith',
  'endsWith',
  'padStart',
  'padEnd',
  'normalize',
  'localeCompare',
  'substring',
  'substr',
]);
/** Methods that return a part of their receiver, of the same kind. */
const SAME_KIND_METHODS = new Set(['slice', 'subarray', 'concat']);
/** Methods whose result is not a string (arrays and numbers); `.length` of these is not a text length. */
const NON_STRING_METHODS = new Set(['split', 'map', 'filter', 'keys', 'values', 'entries', 'match', 'matchAll']);

const MAX_DEPTH = 8;
/** Names people give to byte buffers: `buf`, `buffer`, `bytes`, `bodyBuffer`, `rawBytes`, `outBuf`. */
const BYTES_NAME = /^(?:buf|buffer|bytes)$|[a-z0-9_](?:Buf|Buffer|Bytes)$/iu;

/** The name an expression ends in: `buffer` for `buffer`, `this.buffer`, `opts.buffer!`. */
function lastName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return propertyName(node);
  if (node.type === 'TSNonNullExpression' || node.type === 'ChainExpression') return lastName(node.expression);
  return undefined;
}

export class SyntacticOrigins {
  private readonly cache = new Map<TSESTree.Node, Origin>();
  private readonly inProgress = new Set<TSESTree.Node>();

  constructor(private readonly sourceCode: TSESLint.SourceCode) {}

  /** The origin of `object` in `object.length`, read at `read`. */
  ofLengthObject(object: TSESTree.Expression): Origin {
    const origin = this.guardAround(object) ?? this.of(object, 0);
    if (origin !== 'unknown') return origin;
    // `function bypass(req, res, buffer) { … buffer.length … }`: the name is the only evidence, and a strong one
    if (BYTES_NAME.test(lastName(object) ?? '')) return 'bytes';
    return object.type === 'Identifier' ? this.usedAs(object) : 'unknown';
  }

  /**
   * What the other uses of a variable of unknown origin say: `body.copy(…)` or
   * `body.toString('base64')` only work on a Buffer; `body.trim()` only on a string.
   */
  private usedAs(node: TSESTree.Identifier): Origin {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable) return 'unknown';
    const uses = new Set<Origin>();
    for (const ref of variable.references) {
      // `res.end(body, 'binary')`: a latin1 string has one character per byte, so its length is right
      const parent = ref.identifier.parent;
      if (parent?.type === 'CallExpression' && parent.arguments[0] === ref.identifier && isLatin1Write(parent)) uses.add('bytes');
      const member = ref.identifier.parent;
      if (member?.type !== 'MemberExpression' || member.object !== ref.identifier) continue;
      const name = propertyName(member);
      if (name === undefined) continue;
      const call = member.parent?.type === 'CallExpression' && member.parent.callee === member ? member.parent : undefined;
      if (BUFFER_ONLY_MEMBERS.has(name) || (name === 'toString' && call?.arguments[0]?.type === 'Literal')) uses.add('bytes');
      else if (STRING_ONLY_METHODS.has(name) && call) uses.add('maybeString');
    }
    return uses.size === 1 ? ([...uses][0] as Origin) : 'unknown';
  }

  of(node: TSESTree.Node, depth: number): Origin {
    if (depth > MAX_DEPTH) return 'unknown';
    const cached = this.cache.get(node);
    if (cached) return cached;
    const origin = this.compute(node, depth + 1);
    this.cache.set(node, origin);
    return origin;
  }

  private compute(node: TSESTree.Node, depth: number): Origin {
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? 'string' : 'other';
      case 'TemplateLiteral':
        return 'string';
      case 'TaggedTemplateExpression':
        return memberPath(node.tag) === 'String.raw' ? 'string' : 'unknown';
      case 'BinaryExpression':
        // `(a + b).length` only makes sense for a string; other operators give numbers or booleans
        return node.operator === '+' ? 'string' : 'other';
      case 'UnaryExpression':
        return node.operator === 'typeof' ? 'string' : 'other';
      case 'ArrayExpression':
      case 'ObjectExpression':
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'ClassExpression':
      case 'UpdateExpression':
        return 'other';
      case 'ConditionalExpression': {
        // `Buffer.isBuffer(data) ? data : Buffer.from(data)`: the test decides its own branches
        const branch = (value: TSESTree.Expression, holds: boolean): Origin =>
          guardedKind(node.test, holds, this.sourceCode.getText(value), this.sourceCode) ?? this.of(value, depth);
        return joinOrigins([branch(node.consequent, true), branch(node.alternate, false)]);
      }
      case 'LogicalExpression':
        return joinOrigins([this.of(node.left, depth), this.of(node.right, depth)]);
      case 'AwaitExpression':
        return this.of(node.argument, depth);
      case 'ChainExpression':
      case 'TSNonNullExpression':
        return this.of(node.expression, depth);
      case 'AssignmentExpression':
        return node.operator === '=' ? this.of(node.right, depth) : node.operator === '+=' ? 'string' : 'other';
      case 'SequenceExpression':
        return this.of(node.expressions[node.expressions.length - 1] as TSESTree.Expression, depth);
      case 'TSAsExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression': {
        const declared = annotationOrigin(node.typeAnnotation);
        return declared === 'unknown' ? this.of(node.expression, depth) : declared;
      }
      case 'NewExpression':
        return this.newOrigin(node);
      case 'CallExpression':
        return this.callOrigin(node, depth);
      case 'Identifier':
        return this.identifierOrigin(node, depth);
      case 'MemberExpression':
        // `http.STATUS_CODES[code]` is a reason phrase
        return node.computed && /(?:^|\.)STATUS_CODES$/u.test(memberPath(node.object) ?? '') ? 'string' : 'unknown';
      default:
        return 'unknown';
    }
  }

  private newOrigin(node: TSESTree.NewExpression): Origin {
    if (node.callee.type !== 'Identifier') return 'unknown';
    const name = node.callee.name;
    if (BYTE_CONSTRUCTORS.has(name) || /^(?:Ui|I)nt(?:8|16|32)Array$|^Float(?:16|32|64)Array$|^Big(?:Ui|I)nt64Array$/u.test(name)) {
      return 'bytes';
    }
    if (name === 'String') return 'string';
    if (name === 'Array' || name === 'Set' || name === 'Map') return 'other';
    return 'unknown';
  }

  private callOrigin(node: TSESTree.CallExpression, depth: number): Origin {
    const callee = node.callee;
    if (callee.type === 'Identifier') {
      // `unescape(encodeURIComponent(s))` is the old byte-string idiom: one character per UTF-8 byte
      if (callee.name === 'unescape') {
        const inner = node.arguments[0];
        return inner?.type === 'CallExpression' && inner.callee.type === 'Identifier' && inner.callee.name === 'encodeURIComponent'
          ? 'bytes'
          : 'string';
      }
      if (STRING_FUNCTIONS.has(callee.name)) return 'string';
      if (callee.name === 'readFileSync' || callee.name === 'readFile') return readFileOrigin(node.arguments[1]);
      if (BYTE_FUNCTIONS.has(callee.name) || BYTE_METHOD_NAME.test(callee.name)) return 'bytes';
      if (callee.name === 'Number' || callee.name === 'parseInt' || callee.name === 'parseFloat') return 'other';
      return 'unknown';
    }
    if (callee.type === 'CallExpression') {
      // `promisify(zlib.gzip)(input)`
      const wrapped = callee.arguments[0];
      const promisified = /(?:^|\.)promisify$/u.test(memberPath(callee.callee) ?? '');
      return promisified && wrapped && ASYNC_BYTE_FUNCTIONS.has(lastName(wrapped) ?? '') ? 'bytes' : 'unknown';
    }
    if (callee.type !== 'MemberExpression') return 'unknown';
    const method = propertyName(callee);
    if (method === undefined) return 'unknown';
    const receiver = callee.object;
    if (receiver.type === 'Identifier' && receiver.name === 'Buffer') {
      return BUFFER_FACTORIES.has(method) ? 'bytes' : 'other';
    }
    if (method === 'readFileSync' || method === 'readFile') return readFileOrigin(node.arguments[1]);
    if (BYTE_FUNCTIONS.has(method) || BYTE_METHOD_NAME.test(method)) return 'bytes';
    // hash.digest() gives a Buffer, hash.digest('hex') a string
    if (method === 'digest') return node.arguments.length === 0 ? 'bytes' : 'string';
    if (method === 'encode' && this.isTextEncoder(receiver, depth)) return 'bytes';
    if ((method === 'format' || method === 'inspect') && receiver.type === 'Identifier' && receiver.name === 'util') {
      return 'string';
    }
    // `buf.toString('base64')`: base64, hex and ASCII text has one byte per character
    const encoding = node.arguments[0];
    if (method === 'toString' && encoding?.type === 'Literal' && ASCII_ENCODINGS.has(String(encoding.value))) return 'other';
    if (STRING_METHODS.has(method)) return 'string';
    if (NON_STRING_METHODS.has(method)) return 'other';
    if (SAME_KIND_METHODS.has(method)) return this.of(receiver, depth);
    return 'unknown';
  }

  private isTextEncoder(node: TSESTree.Node, depth: number): boolean {
    if (node.type === 'NewExpression') return node.callee.type === 'Identifier' && node.callee.name === 'TextEncoder';
    if (node.type !== 'Identifier' || depth > MAX_DEPTH) return false;
    const writes = this.writesOf(node);
    return writes !== undefined && writes.length > 0 && writes.every((w) => w !== null && this.isTextEncoder(w, depth + 1));
  }

  private identifierOrigin(node: TSESTree.Identifier, depth: number): Origin {
    if (node.name === 'undefined') return 'other';
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable || variable.defs.length === 0) return 'unknown';
    if (this.inProgress.has(node)) return 'unknown';
    this.inProgress.add(node);
    try {
      // an annotation is the programmer's word for every write; the last write is the next best
      const declared = joinOrigins(variable.defs.map(declaredOrigin));
      if (declared !== 'unknown') return declared;
      const latest = latestWrite(node, variable, this.sourceCode);
      if (latest === 'bytes') return 'bytes';
      if (latest) return this.of(latest, depth);
      return joinOrigins(variable.defs.map((def) => this.definitionOrigin(def, variable, depth)));
    } finally {
      this.inProgress.delete(node);
    }
  }

  private definitionOrigin(
    def: TSESLint.Scope.Definition,
    variable: TSESLint.Scope.Variable,
    depth: number,
  ): Origin {
    switch (def.type) {
      case 'FunctionName':
      case 'ClassName':
        return 'other';
      case 'Parameter':
        return this.parameterOrigin(def.name as TSESTree.Identifier, def.node, depth);
      case 'Variable': {
        const declarator = def.node as TSESTree.VariableDeclarator;
        if (declarator.id !== def.name) return 'unknown'; // destructured
        const loop = declarator.parent.parent;
        if (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') {
          return loop.type === 'ForInStatement' ? 'string' : 'unknown';
        }
        const declared = declarator.id.typeAnnotation ? annotationOrigin(declarator.id.typeAnnotation.typeAnnotation) : 'unknown';
        if (declared !== 'unknown') return declared;
        const writes = writeExpressions(variable);
        if (writes.length === 0 || writes.some((w) => w === null)) return 'unknown';
        return joinOrigins(writes.map((w) => this.of(w as TSESTree.Node, depth)));
      }
      default:
        return 'unknown';
    }
  }

  private parameterOrigin(name: TSESTree.Identifier, fn: TSESTree.Node, depth: number): Origin {
    if (name.typeAnnotation) {
      const declared = annotationOrigin(name.typeAnnotation.typeAnnotation);
      if (declared !== 'unknown') return declared;
    }
    if (name.parent.type === 'AssignmentPattern' && name.parent.left === name) {
      const fallback = this.of(name.parent.right, depth);
      if (fallback === 'string') return 'string';
    }
    return callbackDataOrigin(name, fn);
  }

  /** The expressions assigned to an identifier's variable (`null` for a write the rule cannot see). */
  private writesOf(node: TSESTree.Identifier): (TSESTree.Node | null)[] | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable || variable.defs.some((d) => d.type !== 'Variable')) return undefined;
    return writeExpressions(variable);
  }

  /**
   * A guard around the read that decides the kind: `Buffer.isBuffer(x) ? x.length : …`,
   * `typeof x === 'string' && x.length`, `if (x instanceof Uint8Array) { … x.length … }`.
   */
  private guardAround(object: TSESTree.Expression): Origin | undefined {
    const text = this.sourceCode.getText(object);
    let child: TSESTree.Node = object;
    for (let node: TSESTree.Node | undefined = object.parent; node; child = node, node = node.parent) {
      if (isFunction(node)) return undefined;
      let test: TSESTree.Expression | undefined;
      let holds: boolean | undefined;
      if (node.type === 'ConditionalExpression' || node.type === 'IfStatement') {
        if (child === node.consequent) [test, holds] = [node.test, true];
        else if (child === node.alternate) [test, holds] = [node.test, false];
      } else if (node.type === 'LogicalExpression' && child === node.right && node.operator !== '??') {
        [test, holds] = [node.left, node.operator === '&&'];
      }
      if (test === undefined || holds === undefined) continue;
      const decided = guardedKind(test, holds, text, this.sourceCode);
      if (decided) return decided;
    }
    return undefined;
  }
}

/** What the type annotation of a variable or parameter says, or `unknown`. */
function declaredOrigin(def: TSESLint.Scope.Definition): Origin {
  const name = def.name as TSESTree.Identifier;
  if ((def.type !== 'Variable' && def.type !== 'Parameter') || !name.typeAnnotation) return 'unknown';
  return annotationOrigin(name.typeAnnotation.typeAnnotation);
}

/** `x.end(chunk, 'binary')`, `x.write(chunk, 'latin1')`. */
function isLatin1Write(call: TSESTree.CallExpression): boolean {
  const method = call.callee.type === 'MemberExpression' ? propertyName(call.callee) : undefined;
  const encoding = call.arguments[1];
  return (
    (method === 'end' || method === 'write') &&
    encoding?.type === 'Literal' &&
    (encoding.value === 'binary' || encoding.value === 'latin1')
  );
}

/** What `test` being `holds` says about the expression whose text is `text`. */
function guardedKind(
  test: TSESTree.Expression,
  holds: boolean,
  text: string,
  sourceCode: TSESLint.SourceCode,
): Origin | undefined {
  if (test.type === 'UnaryExpression' && test.operator === '!') return guardedKind(test.argument, !holds, text, sourceCode);
  if (test.type === 'LogicalExpression') {
    // `a && b` true: both hold; `a || b` false: neither holds
    if ((test.operator === '&&' && holds) || (test.operator === '||' && !holds)) {
      return guardedKind(test.left, holds, text, sourceCode) ?? guardedKind(test.right, holds, text, sourceCode);
    }
    return undefined;
  }
  const same = (node: TSESTree.Node): boolean => sourceCode.getText(node) === text;
  if (test.type === 'CallExpression' && memberPath(test.callee) === 'Buffer.isBuffer' && test.arguments[0] && same(test.arguments[0])) {
    return holds ? 'bytes' : undefined;
  }
  if (test.type === 'BinaryExpression') {
    if (test.operator === 'instanceof' && same(test.left) && test.right.type === 'Identifier') {
      if (BYTE_TYPE_NAMES.has(test.right.name) || /Array$/u.test(test.right.name)) return holds ? 'bytes' : undefined;
      return undefined;
    }
    const equal = test.operator === '===' || test.operator === '==';
    const notEqual = test.operator === '!==' || test.operator === '!=';
    if (!equal && !notEqual) return undefined;
    const [typeofSide, literal] =
      test.left.type === 'UnaryExpression' ? [test.left, test.right] : [test.right, test.left];
    if (
      typeofSide.type === 'UnaryExpression' &&
      typeofSide.operator === 'typeof' &&
      same(typeofSide.argument) &&
      literal.type === 'Literal' &&
      literal.value === 'string'
    ) {
      return holds === equal ? 'string' : 'other';
    }
  }
  return undefined;
}

/** The kind of a TypeScript annotation, as far as `.length` goes. */
export function annotationOrigin(type: TSESTree.TypeNode): Origin {
  switch (type.type) {
    case 'TSStringKeyword':
    case 'TSTemplateLiteralType':
      return 'string';
    case 'TSLiteralType':
      return type.literal.type === 'Literal' && typeof type.literal.value === 'string' ? 'string' : 'other';
    case 'TSNumberKeyword':
    case 'TSBooleanKeyword':
    case 'TSArrayType':
    case 'TSTupleType':
    case 'TSTypeLiteral':
    case 'TSFunctionType':
      return 'other';
    case 'TSUnionType': {
      const parts = type.types.filter(
        (t) => t.type !== 'TSNullKeyword' && t.type !== 'TSUndefinedKeyword' && t.type !== 'TSVoidKeyword',
      );
      return joinOrigins(parts.map(annotationOrigin));
    }
    case 'TSTypeReference': {
      const name = type.typeName.type === 'TSQualifiedName' ? type.typeName.right.name : type.typeName.type === 'Identifier' ? type.typeName.name : '';
      if (BYTE_TYPE_NAMES.has(name) || /^(?:Big)?(?:Ui|I)nt\d+Array$|^Float\d+Array$/u.test(name)) return 'bytes';
      if (name === 'String') return 'string';
      if (name === 'Array' || name === 'ReadonlyArray') return 'other';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** `fs.readFile(Sync)(path, options)`: a Buffer unless an encoding is given. */
function readFileOrigin(options: TSESTree.Node | undefined): Origin {
  if (!options || options.type === 'ArrowFunctionExpression' || options.type === 'FunctionExpression') return 'bytes';
  if (options.type === 'Literal') return options.value === null ? 'bytes' : typeof options.value === 'string' ? 'string' : 'unknown';
  if (options.type === 'Identifier' && options.name === 'undefined') return 'bytes';
  if (options.type === 'ObjectExpression') {
    const encoding = options.properties.find(
      (p): p is TSESTree.Property => p.type === 'Property' && !p.computed && propertyKeyName(p) === 'encoding',
    );
    if (!encoding) return options.properties.some((p) => p.type === 'SpreadElement') ? 'unknown' : 'bytes';
    return encoding.value.type === 'Literal' ? (encoding.value.value === null ? 'bytes' : 'string') : 'unknown';
  }
  return 'unknown';
}

/** The `data` parameter of `fs.readFile(path[, options], (err, data) => …)` and `zlib.gzip(input, (err, data) => …)`. */
function callbackDataOrigin(name: TSESTree.Identifier, fn: TSESTree.Node): Origin {
  if (!isFunction(fn) || fn.params[1] !== name) return 'unknown';
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[call.arguments.length - 1] !== fn) return 'unknown';
  const callee = call.callee;
  const calleeName = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  if (calleeName !== undefined && ASYNC_BYTE_FUNCTIONS.has(calleeName)) return 'bytes';
  if (calleeName !== 'readFile') return 'unknown';
  return readFileOrigin(call.arguments.length > 2 ? call.arguments[1] : undefined);
}

/**
 * The value a variable certainly holds at `read`: the last plain `x = value` (or `let x = value`)
 * statement before the read in a block that encloses it, in the same function, provided no
 * statement in between writes `x` some other way. `if (…) body = Buffer.from(body)` does not
 * count; `body = Buffer.from(body, 'utf8'); … body.length` does.
 */
function latestWrite(
  read: TSESTree.Identifier,
  variable: TSESLint.Scope.Variable,
  sourceCode: TSESLint.SourceCode,
): TSESTree.Node | 'bytes' | undefined {
  const writes = variable.references.filter((ref) => ref.isWrite()).map((ref) => ref.identifier.range);
  const writesIn = (node: TSESTree.Node): boolean => writes.some(([start]) => start >= node.range[0] && start < node.range[1]);
  let child: TSESTree.Node = read;
  for (let node: TSESTree.Node | undefined = read.parent; node && !isFunction(node); child = node, node = node.parent) {
    const statements =
      node.type === 'BlockStatement' || node.type === 'Program' || node.type === 'StaticBlock'
        ? node.body
        : node.type === 'SwitchCase'
          ? node.consequent
          : undefined;
    if (!statements) continue;
    for (let i = statements.indexOf(child as TSESTree.Statement) - 1; i >= 0; i -= 1) {
      const statement = statements[i] as TSESTree.Node;
      if (!writesIn(statement)) continue;
      return plainWrite(statement, variable.name) ?? (isConversionToBytes(statement, variable.name, sourceCode) ? 'bytes' : undefined);
    }
  }
  return undefined;
}

/**
 * `if (!Buffer.isBuffer(x)) x = encode(x);` or `if (typeof x === 'string') { x = Buffer.from(x); }`:
 * whatever `x` was, it is bytes afterwards (the branch that skips the write already had bytes).
 */
function isConversionToBytes(statement: TSESTree.Node, name: string, sourceCode: TSESLint.SourceCode): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate) return false;
  const body = statement.consequent.type === 'BlockStatement' ? statement.consequent.body : [statement.consequent];
  const last = body[body.length - 1];
  if (!last || plainWrite(last, name) === undefined) return false;
  // when the test fails, `x` is not a string: a Buffer, or something that was never text
  const skipped = guardedKind(statement.test, false, name, sourceCode);
  return skipped === 'bytes' || skipped === 'other';
}

/** `x = value;` or `let x = value;` as a whole statement, else undefined. */
function plainWrite(statement: TSESTree.Node, name: string): TSESTree.Node | undefined {
  if (statement.type === 'ExpressionStatement') {
    const e = statement.expression;
    return e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'Identifier' && e.left.name === name
      ? e.right
      : undefined;
  }
  if (statement.type === 'VariableDeclaration') {
    const declarator = statement.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === name);
    return declarator?.init ?? undefined;
  }
  return undefined;
}

function writeExpressions(variable: TSESLint.Scope.Variable): (TSESTree.Node | null)[] {
  return variable.references
    .filter((ref) => ref.isWrite())
    .map((ref) => {
      const parent = ref.identifier.parent;
      if (parent?.type === 'AssignmentExpression' && parent.left === ref.identifier) {
        return parent.operator === '=' ? parent.right : parent.operator === '+=' ? parent : null;
      }
      return ref.writeExpr ?? null;
    });
}

function isFunction(node: TSESTree.Node): node is TSESTree.FunctionLike {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** `a.b.c` for a chain of plain identifiers, else undefined. */
export function memberPath(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') {
    const object = memberPath(node.object);
    const name = propertyName(node);
    return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

/** The name of `a.name` or `a['name']`, else undefined. */
function propertyKeyName(property: TSESTree.Property): string | undefined {
  if (property.key.type === 'Identifier') return property.key.name;
  return property.key.type === 'Literal' ? String(property.key.value) : undefined;
}
