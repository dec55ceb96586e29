// A server whose handler answers, then answers again from a timer: without a guard that second
// send throws outside any handler and the process dies with every request in flight. Run by
// tests/guard/default-mode.test.ts as a child process: `node late-send-server.mjs <guarded|bare>`.
// Prints one line per response it sent the client, and "served 3" when it answered 3 requests.
import express from 'express';
import { responseGuard } from 'eslint-plugin-response-lifecycle/guard';

const app = express();
if (process.argv[2] === 'guarded') app.use(responseGuard({ onViolation: (v) => console.log(`violation ${v.rule} ${v.operation}`) }));
app.get('/', (_req, res) => {
  res.json({ first: true });
  setImmediate(() => res.status(500).json({ second: true }));
});
const server = app.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (let i = 1; i <= 3; i += 1) {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    console.log(`response ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the late send runs
  }
  console.log('served 3');
  server.closeAllConnections();
  server.close();
});
