/**
 * Whether the code around a Content-Length sends binary content: a handler that declares
 * `Content-Type: image/png`, or picks the type per file at run time (`TYPES[ext]`,
 * `mime.lookup(path)`), sends a Buffer, so a body of unknown origin there is not a string. Only
 * consulted when nothing else tells the origin.
 */
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { headerValue } from './header-values.js';

/** Media types whose bodies are bytes, not text (SVG is XML text; `vnd.…+json` is JSON). */
const BINARY_TYPE = /^image\/(?!svg)|^(?:audio|video|font)\/|^application\/(?:octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-bzip2|wasm|x-protobuf|protobuf|msgpack|x-msgpack)\b|^application\/vnd\.(?![^;]*\+(?:json|xml)\b)/iu;
/** An expression whose text names a text type: `TYPES.html`, `contentTypes.json`, `TEXT_PLAIN`. */
const TEXT_NAME = /html|json|text|xml|css|javascript|csv|plain|charset/iu;

export class BinaryResponses {
  private readonly byFunction = new Map<TSESTree.Node, boolean>();

  constructor(private readonly sourceCode: TSESLint.SourceCode) {}

  /** Does the function around `node` (the whole file at top level) set a binary Content-Type? */
  around(node: TSESTree.Node): boolean {
    let scope: TSESTree.Node = node;
    while (scope.parent && !isFunction(scope)) scope = scope.parent;
    let known = this.byFunction.get(scope);
    if (known === undefined) {
      known = this.setsBinaryType(scope);
      this.byFunction.set(scope, known);
    }
    return known;
  }

  private setsBinaryType(root: TSESTree.Node): boolean {
    const keys = this.sourceCode.visitorKeys;
    const stack: TSESTree.Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as TSESTree.Node;
      const value = headerValue(node, 'content-type', this.sourceCode);
      if (value && isBinaryType(value, this.sourceCode)) return true;
      for (const key of keys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (isNode(item)) stack.push(item);
        } else if (isNode(child)) stack.push(child);
      }
    }
    return false;
  }
}

type TypeKind = 'binary' | 'text' | 'dynamic';

/**
 * Binary when a binary media type is named; also when the type is chosen at run time
 * (`TYPES[ext]`, `file.contentType`, `mime.lookup(path)`): code that picks the type per file
 * serves files, and files are read as Buffers. A name that says text (`TYPES.html`) is text.
 */
function isBinaryType(value: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const kind = typeKind(value, sourceCode, 0);
  return kind === 'binary' || kind === 'dynamic';
}

function typeKind(value: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): TypeKind {
  if (value.type === 'Literal') return typeof value.value === 'string' && BINARY_TYPE.test(value.value) ? 'binary' : 'text';
  if (value.type === 'TemplateLiteral') {
    const head = value.quasis[0]?.value.cooked ?? '';
    return head === '' ? 'dynamic' : BINARY_TYPE.test(head) ? 'binary' : 'text';
  }
  if (depth > 4) return 'dynamic';
  if (value.type === 'LogicalExpression' || value.type === 'ConditionalExpression') {
    const parts = value.type === 'LogicalExpression' ? [value.left, value.right] : [value.consequent, value.alternate];
    const kinds = parts.map((part) => typeKind(part, sourceCode, depth + 1));
    return kinds.includes('binary') ? 'binary' : kinds.includes('text') ? 'text' : 'dynamic';
  }
  // `const fileType = 'application/vnd.ms-excel'`; `mime = mime || 'text/plain'`
  if (value.type === 'Identifier') {
    const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
    const kinds = (variable?.references ?? [])
      .filter((ref) => ref.isWrite() && ref.writeExpr)
      .map((ref) => typeKind(ref.writeExpr as TSESTree.Node, sourceCode, depth + 1));
    if (kinds.includes('binary')) return 'binary';
    if (kinds.includes('text')) return 'text';
  }
  return TEXT_NAME.test(sourceCode.getText(value)) ? 'text' : 'dynamic';
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}
