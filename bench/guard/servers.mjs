// Start bench/guard/server.mjs in its own process with an IPC channel, for the guard benchmarks.
import { fork, spawnSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.join(import.meta.dirname, 'server.mjs');
const children = new Set();
// Never leave a server behind, whatever ends the driver.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(1));

/**
 * Start one server. `cpu`: pin all its threads to that CPU (taskset). `wrapper`: a command and
 * arguments to run node under (valgrind); `nodeArgs`: node's own flags; `env`: more environment. Resolves once it listens, with its pid, its port,
 * `sample()` (its CPU µs of all threads, user + system and user alone, and the requests it handled so far) and `stop()` (its exit code).
 */
export function startServer(kind, variant, { cpu, wrapper, nodeArgs = [], env } = {}) {
  const child = fork(SCRIPT, [kind, variant], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
    ...(wrapper ? { execPath: wrapper[0], execArgv: [...wrapper.slice(1), process.execPath, ...nodeArgs] } : { execArgv: nodeArgs }),
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      if (cpu !== undefined) spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(child.pid)], { stdio: 'ignore' });
      resolve({
        kind,
        variant,
        pid: child.pid,
        port: JSON.parse(out.split('\n')[0]).port,
        sample: () =>
          new Promise((done) => {
            child.once('message', (m) => done({ cpu: m.cpu.user + m.cpu.system, user: m.cpu.user, requests: m.requests }));
            child.send('cpu');
          }),
        stop: () =>
          new Promise((done) => {
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`server ${kind}/${variant} exited early (${code})`)));
  });
}
