// The source files of a corpus directory (or a single file) for the corpus lint scripts: every
// .js/.cjs/.mjs/.ts/.cts/.mts file that is not a declaration file, under 2 MB, symlinks skipped.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function* sourceFiles(dir) {
  if (statSync(dir).isFile()) {
    yield dir;
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(?:c|m)?js$|(?<!\.d)\.(?:c|m)?ts$/u.test(entry.name) && statSync(full).size < 2_000_000) yield full;
  }
}
