// The development corpus (bench/real/corpus.json): where each codebase's pinned tree is, and which
// of its files are linted. Shared by the precision run (run.mjs) and the cost run (cost.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const HERE = path.join(ROOT, 'bench/real');
const CACHE = path.join(ROOT, 'bench/.cache/real');
export const DIST = process.env.LIFECYCLE_DIST ?? path.join(ROOT, 'dist');
/** A folder of fetched snapshots named `owner+repo` (see run.mjs); unset on CI. */
export const SNAPSHOTS = process.env.RESPONSE_LIFECYCLE_SNAPSHOTS;

/**
 * The benches lint dist/, not the sources: a dist older than the sources gives the figures of an
 * earlier build (and makes a fix look like it changed nothing). Say so before any figure.
 */
export function staleDistWarning() {
  const built = path.join(DIST, 'src/index.js');
  if (!existsSync(built)) return `no build at ${built}: run \`npm run build\` first`;
  const builtAt = statSync(built).mtimeMs;
  const newer = ['src', 'rules'].flatMap((dir) => newestUnder(path.join(ROOT, dir))).filter((f) => f.mtimeMs > builtAt);
  if (newer.length === 0) return undefined;
  return `WARNING: dist/ is older than ${path.relative(ROOT, newer[0].file)}${newer.length > 1 ? ` and ${newer.length - 1} more` : ''}: run \`npm run build\` for figures of the current sources`;
}

function newestUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/u.test(e.name))
    .map((e) => {
      const file = path.join(e.parentPath ?? e.path, e.name);
      return { file, mtimeMs: statSync(file).mtimeMs };
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
}

export function loadCorpus() {
  return JSON.parse(readFileSync(path.join(HERE, 'corpus.json'), 'utf8'));
}

/** The tree of a codebase at its pinned commit, or undefined when no snapshot is there. */
export function treeOf({ repo, commit, paths }, snapshots) {
  const name = repo.replace('/', '+');
  const gitDir = path.join(snapshots, name, 'repo');
  if (existsSync(path.join(gitDir, 'HEAD'))) {
    const out = path.join(CACHE, `${name}@${commit.slice(0, 12)}`);
    if (!existsSync(out)) {
      mkdirSync(out, { recursive: true });
      const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', commit, '--', ...paths], { maxBuffer: 1 << 30 });
      execFileSync('tar', ['-x', '-C', out], { input: archive });
    }
    extractManifests(gitDir, commit, paths, out);
    return out;
  }
  const tree = path.join(snapshots, name);
  return existsSync(tree) ? tree : undefined;
}

/**
 * The package.json files above the linted paths (the project's own, a workspace package's), which
 * `git archive -- paths` leaves out: require-end's `express4AsyncRejections: 'auto'` reads the
 * nearest one, as it does in the project itself. Also added to trees extracted before.
 */
export function extractManifests(gitDir, commit, paths, out) {
  const dirs = new Set();
  for (const entry of paths) {
    for (let dir = path.posix.dirname(entry); ; dir = path.posix.dirname(dir)) {
      dirs.add(dir);
      if (dir === '.' || dir === '/') break;
    }
  }
  for (const dir of dirs) {
    const file = dir === '.' ? 'package.json' : `${dir}/package.json`;
    const target = path.join(out, file);
    if (existsSync(target)) continue;
    let text;
    try {
      text = execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      continue; // no package.json there at this commit
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

const SKIPPED_DIR = /^(?:node_modules|tests?|__tests__|__mocks__|fixtures?|dist|\..+)$/u;
const SOURCE = /\.(?:c|m)?(?:js|ts)$/u;
const NOT_SOURCE = /\.d\.(?:c|m)?ts$|\.(?:test|spec)\.|\.min\.js$/u;

/** The source files under `entry` (a file or folder): no dependencies, tests, declarations or bundles. */
export function filesOf(entry) {
  if (!existsSync(entry)) return [];
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry, { recursive: true })
    .filter((relative) => !relative.split(path.sep).slice(0, -1).some((part) => SKIPPED_DIR.test(part)))
    .filter((relative) => SOURCE.test(relative) && !NOT_SOURCE.test(relative))
    .sort()
    .map((relative) => path.join(entry, relative))
    .filter((file) => statSync(file).isFile() && statSync(file).size < 1_000_000);
}
