/**
 * Whether the code around a Content-Length sends binary content: a handler that declares
 * `Content-Type: image/png` or takes the type from a MIME lookup sends a Buffer, so a body of
 * unknown origin there is not a string. Only consulted when nothing else tells the origin.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constantInit, headerValue } from './header-values.js';
import { propertyName } from './origin.js';

/** Media types whose bodies are bytes, not text (SVG is XML text; `vnd.…+json` is JSON). */
const BINARY_TYPE = /^image\/(?!svg)|^(?:audio|video|font)\/|^application\/(?:octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-bzip2|wasm|x-protobuf|protobuf|msgpack|x-msgpack)\b|^application\/vnd\.(?![^;]*\+(?:json|xml)\b)/iu;
/** A type looked up from a file name or a stored record: `mime.lookup(file)`, `file.mimetype`, `MIME[ext]`. */
const MIME_NAME = /mime/iu;

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

function isBinaryType(value: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  if (value.type === 'Literal') return typeof value.value === 'string' && BINARY_TYPE.test(value.value);
  if (value.type === 'TemplateLiteral') return BINARY_TYPE.test(value.quasis[0]?.value.cooked ?? '');
  // `const fileType = 'application/vnd.ms-excel'`
  const init = value.type === 'Identifier' ? constantInit(value, sourceCode) : undefined;
  if (init?.type === 'Literal' || init?.type === 'TemplateLiteral') return isBinaryType(init, sourceCode);
  return mentionsMime(value, sourceCode, 0);
}

/** `mime.lookup(file)`, `details.mimeType`, `MIME[extname(file)] || 'application/octet-stream'`. */
function mentionsMime(node: TSESTree.Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > 4) return false;
  switch (node.type) {
    case 'Identifier':
      return MIME_NAME.test(node.name);
    case 'MemberExpression':
      return MIME_NAME.test(propertyName(node) ?? '') || mentionsMime(node.object, sourceCode, depth + 1);
    case 'CallExpression':
      return mentionsMime(node.callee, sourceCode, depth + 1);
    case 'LogicalExpression':
    case 'ConditionalExpression': {
      const parts = node.type === 'LogicalExpression' ? [node.left, node.right] : [node.consequent, node.alternate];
      return parts.some((part) => isBinaryType(part, sourceCode) || mentionsMime(part, sourceCode, depth + 1));
    }
    default:
      return false;
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}
