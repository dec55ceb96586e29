/**
 * Which variable an identifier refers to, in O(1): one pass over the scope manager's references,
 * made the first time a file asks. Looking the identifier up in `getScope(id).references` instead
 * scans a whole scope per lookup, which is quadratic in big functions (bench/lint profile).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type Resolver = (id: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined;

const indexes = new WeakMap<object, Map<TSESTree.Node, TSESLint.Scope.Reference>>();

function indexOf(sourceCode: Readonly<TSESLint.SourceCode>): Map<TSESTree.Node, TSESLint.Scope.Reference> {
  let index = indexes.get(sourceCode);
  if (index) return index;
  index = new Map();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const ref of scope.references) index.set(ref.identifier, ref);
  }
  indexes.set(sourceCode, index);
  return index;
}

/** The variable `id` refers to (`undefined` for globals, declarations and property names). */
export function resolverOf(sourceCode: Readonly<TSESLint.SourceCode>): Resolver {
  let index: Map<TSESTree.Node, TSESLint.Scope.Reference> | undefined;
  return (id) => (index ??= indexOf(sourceCode)).get(id)?.resolved ?? undefined;
}
