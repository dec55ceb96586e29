/**
 * Does the project of a linted file run on Express 4, with nothing that makes Express 4 forward
 * rejected promises? Then `require-end`'s async-rejection check applies (its option's `'auto'`).
 *
 * Read from the nearest package.json (./nearest-manifest.ts): `express` in `dependencies`,
 * `peerDependencies` or `devDependencies` (first found, in that order) with a range whose lowest
 * major is 4 or below, and none of the packages that patch Express globally once loaded
 * (`require('express-async-errors')` wraps every layer's handler; the others below patch
 * `Layer.prototype.handle_request` the same way). Wrappers applied per handler or per router
 * (`express-async-handler`, `@awaitjs/express`'s `getAsync`, `express-promise-router`) do not count
 * here: they cover only what goes through them (the handler check skips wrapped handlers, and a file
 * that loads a per-router wrapper, see ../require-end/express4-rejection.ts).
 * Unknown (no package.json, no `express`, `*`, a tag or URL): no.
 */
import { lowestMajor } from './lowest-major.js';
import { nearestManifest, type Manifest } from './nearest-manifest.js';

/** Packages that make Express 4 forward every handler's rejection once they are loaded. */
export const GLOBAL_REJECTION_PATCHES: readonly string[] = [
  'express-async-errors',
  '@dvpnt/express-async-patch',
  '@gasbuddy/express-promise-patch',
  'express-promise-middleware.patch',
  'express-async-error-patch',
];

const verdicts = new WeakMap<Manifest, boolean>();

export function isExpress4Project(filename: string): boolean {
  const manifest = nearestManifest(filename);
  if (!manifest) return false;
  let verdict = verdicts.get(manifest);
  if (verdict === undefined) {
    verdict = runsUnpatchedExpress4(manifest);
    verdicts.set(manifest, verdict);
  }
  return verdict;
}

function runsUnpatchedExpress4(manifest: Manifest): boolean {
  const fields = [manifest.dependencies, manifest.peerDependencies, manifest.devDependencies];
  if (fields.some((deps) => GLOBAL_REJECTION_PATCHES.some((name) => Object.hasOwn(deps, name)))) return false;
  const range = fields.map((deps) => deps.express).find((found) => found !== undefined);
  const major = range === undefined ? undefined : lowestMajor(range);
  return major !== undefined && major <= 4;
}
