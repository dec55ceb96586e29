/** The direct child nodes of an AST node (every node-valued field but `parent`), for small own-body walks. */
import type { TSESTree } from '@typescript-eslint/utils';

export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const [field, value] of Object.entries(node)) {
    if (field === 'parent' || value === null || typeof value !== 'object') continue;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) if (isNode(item)) out.push(item);
  }
  return out;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
