/**
 * Is a symbol one of this package's type-state types (`Res`, `SentRes`, `EndedRes`, `NodeRes`,
 * `NodeSentRes`, `NodeEndedRes`), declared by the package's own typings? Asked by the typed
 * response check (./response-types.ts): those types are `Omit<...>` mapped types underneath, so
 * walking base types never reaches `http.ServerResponse`, and annotating a handler would otherwise
 * hide it from the lint rules.
 *
 * "The package's own typings" is decided by where the declaration lives: this package's
 * `dist/types/` (what `./types` exports) or `types/` (the sources, in this repository), or any
 * installed copy of the package (a project may resolve its typings to another copy than the one
 * ESLint loads, e.g. in a workspace). A user type that happens to be called `Res` is not one.
 */
import { realpathSync } from 'node:fs';
import type * as ts from 'typescript';
import { TYPE_STATE_TYPES } from '../type-state-names.js';
import { packageInfo } from '../util/package-info.js';

const toSlashes = (file: string): string => file.replace(/\\/gu, '/');

function realRoot(): string {
  const { root } = packageInfo();
  try {
    return toSlashes(realpathSync(root));
  } catch {
    return toSlashes(root);
  }
}

const ROOT = realRoot();
const OWN_TYPES = [`${ROOT}/dist/types/`, `${ROOT}/types/`];
const INSTALLED_TYPES = /\/node_modules\/eslint-plugin-response-lifecycle\/dist\/types\//u;

const byFile = new Map<string, boolean>();

function isPackageTypingsFile(fileName: string): boolean {
  let known = byFile.get(fileName);
  if (known === undefined) {
    const file = toSlashes(fileName);
    known = OWN_TYPES.some((dir) => file.startsWith(dir)) || INSTALLED_TYPES.test(file);
    byFile.set(fileName, known);
  }
  return known;
}

export function isTypeStateDeclaration(symbol: ts.Symbol): boolean {
  if (!TYPE_STATE_TYPES.has(symbol.getName())) return false;
  return (symbol.declarations ?? []).some((declaration) => isPackageTypingsFile(declaration.getSourceFile().fileName));
}
