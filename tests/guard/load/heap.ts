import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection without starting node with --expose-gc: the flag can be set at run
 * time, and a fresh context then exposes `gc`. Collects several times across turns, so objects
 * freed by finalisers and closed handles go too.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export async function collectedHeap(): Promise<number> {
  for (let i = 0; i < 4; i += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}
