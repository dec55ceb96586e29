/** The direct child nodes of an AST node (every node-valued field but `parent`), for small own-body walks. */
import type { TSESTree } from '@typescript-eslint/utils';

export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  // `for…in` and a read per field: `Object.entries` built a pair per field of every node walked
  // (the biggest allocation of require-end's Express 4 walk on the real-code corpus).
  const fields = node as unknown as Record<string, unknown>;
  for (const field in fields) {
    if (field === 'parent') continue;
    const value = fields[field];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
