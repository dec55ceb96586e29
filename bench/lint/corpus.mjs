// The lint benchmark's corpus, laid out under bench/.cache/ (gitignored):
// - corpus/real/:      source of installed packages of the dev tree (code nobody here wrote);
// - corpus/apps/:      real Express applications and middleware, installed from npm into
//                      bench/.cache/apps with --no-save (the project's package.json is untouched);
// - corpus/generated/: thousands of generated route handlers (./generate.mjs);
// - corpus-ts/:        TypeScript for the type-aware run: generated typed handlers plus the TS
//                      sources that a dev-tree package ships (ajv), with a tsconfig.
// Files are copied with an extension that says their module system (.cjs or .mjs), so ESLint's
// defaults parse each one with the right sourceType and no file is lost to a parse error.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES_MODULE, handlerModule } from './generate.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CACHE = path.join(ROOT, 'bench/.cache');
export const CORPUS = path.join(CACHE, 'corpus');
export const CORPUS_TS = path.join(CACHE, 'corpus-ts');

/** Dev-tree packages (path under node_modules): Express and its parts, then tooling code. */
const DEV_TREE = [
  'express', 'router', 'body-parser', 'send', 'serve-static', 'finalhandler', 'http-errors', 'cookie',
  'qs', 'raw-body', 'type-is', 'accepts', 'content-disposition', 'on-finished', 'autocannon',
  'eslint/lib', 'espree', '@typescript-eslint/typescript-estree', '@typescript-eslint/utils',
  '@typescript-eslint/scope-manager', 'vite/dist/node', 'semver', 'debug', 'minimatch',
];

/** Real Express applications and middleware from npm, exact versions (a stable corpus). */
const APP_PACKAGES = [
  'json-server@0.17.4', 'multer@2.5.0', 'express-session@1.19.0', 'passport@0.7.0',
  'serve-index@1.9.2', 'express-rate-limit@8.7.4',
];
/** Which installed packages of that tree to lint: the apps and the Express middleware they pull in. */
const APP_SOURCES = [
  'json-server', 'multer', 'express-session', 'passport', 'serve-index', 'express-rate-limit', 'morgan',
  'compression', 'cors', 'errorhandler', 'method-override', 'express-urlrewrite', 'connect-pause', 'lowdb',
  'busboy', 'express', 'body-parser', 'finalhandler', 'serve-static', 'send',
];

const GENERATED_FILES = 60;
const HANDLERS_PER_FILE = 50;
const TS_FILES = 12;
const TS_HANDLERS_PER_FILE = 40;

const SOURCE = /\.(?:js|cjs|mjs)$/u;
const MAX_BYTES = 1_000_000;
// A package's own ESLint config would take over its directory (ESLint looks configs up per file).
const LINT_CONFIG = /^(?:eslint\.config|\.eslintrc)\./u;
const ESM = /^\s*(?:import\s*[\w{*'"]|export\s)/mu;

const SKIPPED_DIR = /^(?:node_modules|tests?|\..+)$/u;

/** Files (at most MAX_BYTES) under `dir`, sorted, without dependencies, tests and dot folders. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((relative) => !relative.split(path.sep).slice(0, -1).some((part) => SKIPPED_DIR.test(part)))
    .sort()
    .map((relative) => path.join(dir, relative))
    .filter((file) => {
      const stat = statSync(file, { throwIfNoEntry: false });
      return stat?.isFile() && stat.size <= MAX_BYTES;
    });
}

function countLines(text) {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Copy the JS sources of `packages` (under `modules`) into `dest`, renamed to .cjs/.mjs by content. */
function copySources(modules, packages, dest) {
  const totals = { files: 0, lines: 0, packages: [] };
  for (const name of packages) {
    const from = path.join(modules, name);
    if (!existsSync(from)) continue;
    totals.packages.push(name);
    for (const file of filesUnder(from)) {
      if (!SOURCE.test(file) || /\.min\.js$/u.test(file) || LINT_CONFIG.test(path.basename(file))) continue;
      const text = readFileSync(file, 'utf8');
      const ext = ESM.test(text) ? '.mjs' : '.cjs';
      const target = path.join(dest, name, path.relative(from, file)).replace(SOURCE, ext);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
      totals.files++;
      totals.lines += countLines(text);
    }
  }
  return totals;
}

/** Install the apps into bench/.cache/apps unless they are there; `undefined` when npm cannot. */
function installApps(log) {
  const prefix = path.join(CACHE, 'apps');
  const marker = path.join(prefix, 'installed.json');
  const wanted = JSON.stringify(APP_PACKAGES);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return path.join(prefix, 'node_modules');
  log(`installing ${APP_PACKAGES.join(' ')} into bench/.cache/apps ...`);
  try {
    mkdirSync(prefix, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...APP_PACKAGES],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 },
    );
    writeFileSync(marker, wanted);
    return path.join(prefix, 'node_modules');
  } catch (error) {
    log(`could not install the apps (${String(error.message).split('\n')[0]}); the corpus goes without them`);
    return undefined;
  }
}

function writeGenerated(dir, files, perFile, ts) {
  let lines = 0;
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const text = handlerModule(f + 1, perFile, { ts });
    writeFileSync(path.join(dir, `routes-${String(f).padStart(3, '0')}.${ts ? 'ts' : 'mjs'}`), text);
    lines += countLines(text);
  }
  if (!ts) writeFileSync(path.join(dir, 'services.mjs'), SERVICES_MODULE);
  return { files, lines, handlers: files * perFile };
}

/** TS sources shipped by a dev-tree package (ajv's lib/, found wherever npm put it). */
function findAjvTs() {
  for (const candidate of ['node_modules/ajv/lib', 'node_modules/eslint-doc-generator/node_modules/ajv/lib']) {
    const dir = path.join(ROOT, candidate);
    if (existsSync(path.join(dir, 'core.ts'))) return dir;
  }
  return undefined;
}

/** Lay out the whole corpus afresh and say what is in it. */
export function prepareCorpus(log = console.log) {
  rmSync(CORPUS, { recursive: true, force: true });
  rmSync(CORPUS_TS, { recursive: true, force: true });
  const real = copySources(path.join(ROOT, 'node_modules'), DEV_TREE, path.join(CORPUS, 'real'));
  const appModules = installApps(log);
  const apps = appModules
    ? copySources(appModules, APP_SOURCES, path.join(CORPUS, 'apps'))
    : { files: 0, lines: 0, packages: [] };
  const generated = writeGenerated(path.join(CORPUS, 'generated'), GENERATED_FILES, HANDLERS_PER_FILE, false);

  const generatedTs = writeGenerated(path.join(CORPUS_TS, 'generated'), TS_FILES, TS_HANDLERS_PER_FILE, true);
  const ajv = { files: 0, lines: 0 };
  const ajvDir = findAjvTs();
  if (ajvDir) {
    cpSync(ajvDir, path.join(CORPUS_TS, 'ajv'), {
      recursive: true,
      filter: (src) => statSync(src).isDirectory() || (/\.ts$/u.test(src) && !/\.d\.ts$/u.test(src)),
    });
    for (const file of filesUnder(path.join(CORPUS_TS, 'ajv'))) {
      ajv.files++;
      ajv.lines += countLines(readFileSync(file, 'utf8'));
    }
  }
  writeFileSync(
    path.join(CORPUS_TS, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
          skipLibCheck: true, noEmit: true, types: ['node'], esModuleInterop: true,
        },
        include: ['**/*.ts'],
      },
      null,
      2,
    ),
  );
  return { real, apps, generated, ts: { generated: generatedTs, ajv } };
}
