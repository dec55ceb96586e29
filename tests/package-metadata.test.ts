import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_URL } from '../src/util/create-rule.js';

// The package's links and the README's support matrix, checked against what they describe: the
// repository the rule docs link to, the peer and engine ranges, typescript-eslint's own supported
// TypeScript range, and the versions the test suite really runs.
const ROOT = path.resolve(import.meta.dirname, '..');
const requireHere = createRequire(path.join(ROOT, 'package.json'));
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  files: string[];
  engines: { node: string };
  peerDependencies: Record<string, string>;
};
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const versionOf = (name: string) => (requireHere(`${name}/package.json`) as { version: string }).version;
const majorMinor = (version: string) => version.split('.').slice(0, 2).join('.');

/** The README support-matrix row whose first cell starts with `label`, as [supported, tested]. */
function matrixRow(label: string): [string, string] {
  const row = readme.split('\n').find((line) => line.startsWith(`| ${label}`));
  expect(row, `README support matrix row "${label}"`).toBeDefined();
  const cells = row!.split('|').map((cell) => cell.trim());
  return [cells[2]!, cells[3]!];
}

describe('package metadata', () => {
  it('links the repository the rule docs link to, its README and its issues', () => {
    expect(manifest.repository.url).toBe(`git+${REPO_URL}.git`);
    expect(manifest.homepage).toBe(`${REPO_URL}#readme`);
    expect(manifest.bugs.url).toBe(`${REPO_URL}/issues`);
  });

  it('ships the changelog', () => {
    expect(manifest.files).toContain('CHANGELOG.md');
    expect(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(/^# Changelog\n/u);
  });
});

describe("the README's support matrix", () => {
  it('says the Node.js and ESLint ranges package.json declares, and the versions npm test runs', () => {
    const [node, nodeTested] = matrixRow('Node.js');
    expect(node).toBe(`≥ ${manifest.engines.node.replace(/^>=/u, '')}`);
    expect(nodeTested).toContain(process.versions.node.split('.')[0]);
    const [eslint, eslintTested] = matrixRow('ESLint');
    expect(manifest.peerDependencies['eslint']).toBe('^9.15.0 || ^10.0.0');
    expect(eslint).toBe('9.15+ and 10');
    expect(eslintTested).toBe(`${majorMinor(versionOf('eslint9'))} and ${majorMinor(versionOf('eslint'))}`);
  });

  it("gives typescript-eslint's own TypeScript range for type-aware linting, and the TypeScript versions tested", () => {
    const range = (requireHere('typescript-eslint/package.json') as { peerDependencies: Record<string, string> }).peerDependencies['typescript'];
    const [typeAware, typeAwareTested] = matrixRow('TypeScript, for type-aware linting');
    expect(typeAware).toContain(`: ${range} `);
    expect(typeAwareTested).toBe(`${versionOf('typescript')} with typescript-eslint ${majorMinor(versionOf('typescript-eslint'))}`);
    const [, typingsTested] = matrixRow('TypeScript, for the typings');
    expect(typingsTested).toBe(`${versionOf('typescript')} and ${versionOf('typescript7')}`);
  });
});
