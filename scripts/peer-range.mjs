#!/usr/bin/env node
// Which @types/express, @types/express-serve-static-core and @types/node versions the typings work
// with: packs this package, installs it with the given versions in a scratch folder outside the
// repository (needs the network), and compiles a probe, with and without skipLibCheck. A
// combination works when the package's declarations have no error, correct code compiles, every
// misuse marked EXPECT is an error, and nothing silently turned into `any` (the last EXPECT reads
// a member that does not exist). The figures behind peerDependencies are in docs/types.md.
// Usage: node scripts/peer-range.mjs <@types/express> <@types/node> [<@types/express-serve-static-core>] ...
//   e.g. node scripts/peer-range.mjs 4.17.6 20.19.43 4.17.13
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PROBE = `import express from 'express';
import http from 'node:http';
import type { NodeRes, Res } from 'eslint-plugin-response-lifecycle/types';
const app = express();
app.get('/ok', (req, res: Res) => {
  res.status(200).set('x-a', '1');
  res.json({ ok: true });
  void res.locals;
  void res.headersSent;
});
app.get('/twice', (req, res: Res) => {
  res.json({ ok: true });
  res.json({ again: true }); // EXPECT
});
app.get('/cookie', (req, res: Res) => {
  res.send('x');
  res.cookie('a', 'b'); // EXPECT
});
app.get('/any', (req, res: Res) => {
  res.sendStatus(204);
  res.get('x').noSuchMember; // EXPECT
});
http.createServer((req, res: NodeRes) => {
  res.writeHead(200);
  res.setHeader('x', '1'); // EXPECT
});
`;

const [expressVersion, nodeVersion, coreVersion] = process.argv.slice(2);
if (!expressVersion || !nodeVersion) {
  console.error('usage: node scripts/peer-range.mjs <@types/express> <@types/node> [<@types/express-serve-static-core>]');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'rl-peer-'));
try {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, stdio: 'pipe' });
  const tarball = path.join(scratch, readdirSync(scratch).find((f) => f.endsWith('.tgz')));
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'peer-probe', private: true, type: 'module' }));
  const typescript = JSON.parse(readFileSync(path.join(root, 'node_modules/typescript/package.json'), 'utf8')).version;
  const packages = [tarball, `typescript@${typescript}`, 'express@4', `@types/express@${expressVersion}`, `@types/node@${nodeVersion}`];
  if (coreVersion) packages.push(`@types/express-serve-static-core@${coreVersion}`);
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', ...packages], { cwd: scratch, encoding: 'utf8' });
  if (install.status !== 0) {
    console.log(`skipped: could not install (${install.stderr.split('\n')[0]})`);
    process.exit(0);
  }
  writeFileSync(path.join(scratch, 'probe.ts'), PROBE);
  const core = JSON.parse(readFileSync(path.join(scratch, 'node_modules/@types/express-serve-static-core/package.json'), 'utf8')).version;
  const expected = PROBE.split('\n').flatMap((line, i) => (line.includes('// EXPECT') ? [i + 1] : []));
  let ok = true;
  for (const skipLibCheck of [true, false]) {
    const compilerOptions = { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, esModuleInterop: true, skipLibCheck, types: ['node'] };
    writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['probe.ts'] }));
    const run = spawnSync(process.execPath, [path.join(scratch, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: scratch, encoding: 'utf8' });
    const errors = run.stdout.split('\n').filter((l) => / error TS\d+/u.test(l));
    const packageErrors = errors.filter((l) => l.includes('eslint-plugin-response-lifecycle'));
    const probeLines = new Set(errors.filter((l) => l.startsWith('probe.ts(')).map((l) => Number(/^probe\.ts\((\d+)/u.exec(l)[1])));
    const missed = expected.filter((line) => !probeLines.has(line));
    const unexpected = [...probeLines].filter((line) => !expected.includes(line));
    const works = packageErrors.length === 0 && missed.length === 0 && unexpected.length === 0;
    ok &&= works;
    console.log(
      `@types/express ${expressVersion} (core ${core}), @types/node ${nodeVersion}, skipLibCheck ${skipLibCheck}: ${works ? 'works' : 'FAILS'}` +
        ` (package declaration errors ${packageErrors.length}, missed misuses ${JSON.stringify(missed)}, errors on correct lines ${JSON.stringify(unexpected)})`,
    );
    for (const line of [...packageErrors, ...errors.filter((l) => unexpected.some((u) => l.startsWith(`probe.ts(${u},`)))].slice(0, 3)) console.log(`  ${line.slice(0, 300)}`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
