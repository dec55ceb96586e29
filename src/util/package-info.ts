import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This package's name, version and root directory, read from its package.json. Walks up from this file because
 * it runs both from `src/` (tests) and from `dist/src/` (the published build).
 */
export function packageInfo(): { name: string; version: string; root: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'eslint-plugin-response-lifecycle' && typeof pkg.version === 'string') {
        return { name: pkg.name, version: pkg.version, root: dir };
      }
    } catch {
      // no package.json here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('eslint-plugin-response-lifecycle: package.json not found above ' + dir);
    dir = parent;
  }
}
