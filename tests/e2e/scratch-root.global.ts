import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// Vitest global setup (the key's type is declared in scratch-project.ts): one empty folder per run for the e2e tests' shared scratch project
// (tests/e2e/scratch-project.ts installs into it on first use), removed when the run ends. Outside
// the repository, so nothing resolves from the dev tree's node_modules.
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rl-e2e-'));
  project.provide('e2eScratchRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
