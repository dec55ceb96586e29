// The guard benchmark's load generator: keep-alive connections that stay open for the whole run,
// each with a fixed number of pipelined requests in flight, sending exactly the number of requests
// a burst asks for and counting the answers. A hello-world answer has a fixed length (its Date header
// is fixed-width), so answers are counted by bytes, without parsing: the generator stays cheap next
// to the server it loads, and a burst has no connection set-up in it (autocannon opens its
// connections again for every run and stops with requests still in flight).
import net from 'node:net';

const REQUEST = Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'latin1');
const STATUS_LINE = Buffer.from('HTTP/1.1 200 ', 'latin1');

/** One request on a fresh connection: the whole answer, as text. */
export function probe(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      text += chunk;
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const length = /\r\ncontent-length:\s*(\d+)/iu.exec(text.slice(0, headEnd));
      if (!length) return reject(new Error(`no Content-Length in the answer:\n${text}`));
      if (text.length < headEnd + 4 + Number(length[1])) return;
      socket.destroy();
      resolve(text);
    });
    socket.write(REQUEST);
  });
}

/** The answer with its Date header blanked: what must be identical between variants. */
export function withoutDate(answer) {
  return answer.replace(/\r\nDate: [^\r]*/u, '\r\nDate: -');
}

/**
 * Open `connections` keep-alive connections to a server whose answers are all `answerLength` bytes
 * long. `burst(n)` sends n requests over them, at most `depth` in flight per connection, and
 * resolves once every answer arrived. Answers of another length or status fail the burst.
 */
export async function openLoad(port, { connections, depth, answerLength }) {
  const batches = Array.from({ length: depth + 1 }, (_, k) => Buffer.concat(Array(k).fill(REQUEST)));
  const lanes = await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1', () => resolve(lane));
          socket.setNoDelay(true);
          const lane = { socket, quota: 0, sent: 0, bytes: 0, done: undefined, fail: undefined };
          socket.on('error', (error) => (lane.fail ? lane.fail(error) : reject(error)));
          socket.on('close', () => lane.fail?.(new Error('the server closed a connection')));
          socket.on('data', (chunk) => {
            const offset = lane.bytes % answerLength;
            const start = offset === 0 ? 0 : answerLength - offset;
            // Every answer that starts inside this chunk must be a 200.
            for (let at = start; at + STATUS_LINE.length <= chunk.length; at += answerLength) {
              if (chunk.compare(STATUS_LINE, 0, STATUS_LINE.length, at, at + STATUS_LINE.length) !== 0) {
                lane.fail?.(new Error(`an answer is not a 200 of ${answerLength} bytes: ${chunk.toString('latin1', at, at + 40)}`));
                return;
              }
            }
            lane.bytes += chunk.length;
            const answered = Math.floor(lane.bytes / answerLength);
            if (answered > lane.quota || (answered === lane.quota && lane.bytes !== lane.quota * answerLength)) {
              lane.fail?.(new Error(`answers are not all ${answerLength} bytes long`));
              return;
            }
            const more = Math.min(lane.quota - lane.sent, depth - (lane.sent - answered));
            if (more > 0) {
              socket.write(batches[more]);
              lane.sent += more;
            }
            if (answered === lane.quota) lane.done?.();
          });
        }),
    ),
  );
  return {
    burst(requests) {
      return Promise.all(
        lanes.map(
          (lane, i) =>
            new Promise((resolve, reject) => {
              const quota = Math.floor(requests / connections) + (i < requests % connections ? 1 : 0);
              Object.assign(lane, { quota, sent: 0, bytes: 0, fail: reject });
              lane.done = () => {
                lane.done = undefined;
                lane.fail = undefined;
                resolve();
              };
              if (quota === 0) return lane.done();
              lane.sent = Math.min(quota, depth);
              lane.socket.write(batches[lane.sent]);
            }),
        ),
      );
    },
    close() {
      for (const lane of lanes) {
        lane.fail = undefined;
        lane.socket.destroy();
      }
    },
  };
}
