import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// One way for the end-to-end tests to stand where a user stands: the packed tarball (what
// `npm publish` would ship; `npm test` builds dist/ first) installed into a scratch project with
// npm, beside the given packages at the dev tree's versions, so the install is served from npm's
// cache when it can be.
export const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));

/** `name@version` with the version installed in the dev tree. */
export const atDevVersion = (name: string) => `${name}@${(rootRequire(`${name}/package.json`) as { version: string }).version}`;

export interface ScratchProject {
  readonly dir: string;
  remove(): void;
}

/** A scratch project: `setUp` makes its package.json (e.g. `npm init -y`), then the tarball and `packages` are installed. */
export function scratchProject(prefix: string, setUp: (dir: string) => void, packages: readonly string[]): ScratchProject {
  const scratch = mkdtempSync(path.join(os.tmpdir(), prefix));
  const packDir = path.join(scratch, 'pack');
  mkdirSync(packDir);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, stdio: 'pipe' });
  const tarball = path.join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  const dir = path.join(scratch, 'app');
  mkdirSync(dir);
  setUp(dir);
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...packages], {
    cwd: dir,
    stdio: 'pipe',
  });
  return { dir, remove: () => rmSync(scratch, { recursive: true, force: true }) };
}
