import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The reason for the default: a second send in a callback. Without the guard it is an uncaught
// throw that takes the server down; with the guard's default ('drop') it is reported and dropped,
// and the server keeps answering. Child processes, since one of them crashes.
const ROOT = path.resolve(import.meta.dirname, '../..');
const server = path.join(ROOT, 'tests/guard/recipes/late-send-server.mjs');

function runServer(variant: 'guarded' | 'bare'): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
  return spawnSync(process.execPath, [server, variant], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
}

describe("the default mode keeps the process up on a late second send (Express, setImmediate)", () => {
  it('without the guard, the process dies at the first late send', () => {
    const { status, stdout, stderr } = runServer('bare');
    expect(status).toBe(1);
    expect(stdout).not.toContain('served 3');
    expect(stderr).toContain('ERR_HTTP_HEADERS_SENT');
  });

  it("with responseGuard() and no options: three answers, three reports, exit 0", () => {
    const { status, stdout } = runServer('guarded');
    expect(status).toBe(0);
    expect(stdout.trim().split('\n').sort()).toEqual(
      [
        ...Array.from({ length: 3 }, () => 'response 200 {"first":true}'),
        ...Array.from({ length: 3 }, () => 'violation no-double-send res.json()'),
        'served 3',
      ].sort(),
    );
  });
});
