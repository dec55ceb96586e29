import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';

// One way for the end-to-end tests to stand where a user stands: the packed tarball (what
// `npm publish` would ship; `npm test` builds dist/ first) installed with npm into a scratch
// project made by `npm init -y`, beside the packages a user of each README recipe installs, at the
// dev tree's versions, so the install is served from npm's cache when it can be.
//
// Packing and installing cost tens of seconds and are the same for every e2e file, so they happen
// once per vitest run: the first file to ask installs, the others wait for it and share the
// project (each writes only into its own subfolder). The folder comes from the global setup
// (tests/e2e/scratch-root.global.ts), which removes it when the run ends.
export const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));

/** `name@version` with the version installed in the dev tree. */
export const atDevVersion = (name: string) => `${name}@${(rootRequire(`${name}/package.json`) as { version: string }).version}`;

/** Everything an e2e test installs beside the plugin: the union of what the README's recipes ask for. */
const PACKAGES = ['eslint', 'typescript', 'typescript-eslint', 'express', '@types/express', '@types/node'];
const INSTALL_TIMEOUT_MS = 240_000;

declare module 'vitest' {
  export interface ProvidedContext {
    /** An empty folder for this run's shared scratch project (tests/e2e/scratch-root.global.ts). */
    e2eScratchRoot: string;
  }
}

/**
 * The shared scratch project of this run (a CommonJS project from `npm init -y`, with the tarball
 * and PACKAGES installed): its directory, installing it first if no other test file has.
 */
export async function sharedScratchProject(): Promise<string> {
  const root = inject('e2eScratchRoot');
  const app = path.join(root, 'app');
  const done = path.join(root, 'installed');
  const failed = path.join(root, 'failed');
  try {
    mkdirSync(path.join(root, 'lock')); // exactly one file of the run gets here
  } catch {
    for (const deadline = Date.now() + INSTALL_TIMEOUT_MS; Date.now() < deadline; await sleep(250)) {
      if (existsSync(done)) return app;
      if (existsSync(failed)) throw new Error(`the shared scratch project failed to install: ${readFileSync(failed, 'utf8')}`);
    }
    throw new Error(`the shared scratch project was not installed within ${INSTALL_TIMEOUT_MS / 1000} s`);
  }
  try {
    install(root, app);
    writeFileSync(done, '');
    return app;
  } catch (error) {
    writeFileSync(failed, String((error as Error).stack ?? error));
    throw error;
  }
}

function install(root: string, app: string): void {
  const packDir = path.join(root, 'pack');
  mkdirSync(packDir);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, stdio: 'pipe' });
  const tarball = path.join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  mkdirSync(app);
  execFileSync('npm', ['init', '-y'], { cwd: app, stdio: 'pipe' });
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...PACKAGES.map(atDevVersion)],
    { cwd: app, stdio: 'pipe' },
  );
}
