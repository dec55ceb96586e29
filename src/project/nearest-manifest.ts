/**
 * The package.json that governs a linted file: the nearest one from the file's directory upward
 * (a package.json with neither a name nor dependencies, such as `{ "type": "module" }` in an
 * output folder, only marks a module format and is passed over). Read once per directory: ESLint
 * asks for every file, and files share directories.
 *
 * A missing, unreadable or invalid package.json, or a file name that is not an absolute path
 * (`<input>`, RuleTester's default, or a virtual name), gives `undefined`: nothing is known.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Manifest {
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly peerDependencies: Readonly<Record<string, string>>;
}

/** Per directory: the manifest that governs it (`null`: none, or an invalid one). */
const byDirectory = new Map<string, Manifest | null>();

export function nearestManifest(filename: string): Manifest | undefined {
  if (!path.isAbsolute(filename)) return undefined;
  return manifestFor(path.dirname(filename)) ?? undefined;
}

function manifestFor(dir: string): Manifest | null {
  const known = byDirectory.get(dir);
  if (known !== undefined) return known;
  let found = readManifest(path.join(dir, 'package.json'));
  if (found === undefined) {
    const parent = path.dirname(dir);
    found = parent === dir ? null : manifestFor(parent);
  }
  byDirectory.set(dir, found);
  return found;
}

/** The manifest in this file; `null` when it is invalid (the nearest one says nothing); `undefined` when there is none to read here. */
function readManifest(file: string): Manifest | null | undefined {
  let text: string;
  try {
    // Most directories have no package.json: ask without the cost of an ENOENT exception.
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  const manifest: Manifest = {
    dependencies: stringMap(record.dependencies),
    devDependencies: stringMap(record.devDependencies),
    peerDependencies: stringMap(record.peerDependencies),
  };
  const marksFormatOnly =
    typeof record.name !== 'string' &&
    [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies].every((deps) => Object.keys(deps).length === 0);
  return marksFormatOnly ? undefined : manifest;
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
