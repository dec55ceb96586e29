// The Express app the test recipes (docs/guard.md, "In tests") run against: one handler answers
// twice, one answers once. The guard is installed as an application would install it, with its
// default options; the tests only add recordViolations().
import express from 'express';
import { responseGuard } from 'eslint-plugin-response-lifecycle/guard';

export function createApp() {
  const app = express();
  app.use(responseGuard({ onViolation: () => undefined })); // quiet: the tests report
  app.get('/twice', (_req, res) => {
    res.json({ ok: true }); // FIRST-ANSWER
    res.status(500).json({ error: 'late' }); // SECOND-ANSWER
  });
  app.get('/once', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

/** Start the app on 127.0.0.1 and GET `path`: the status and the parsed body. */
export async function get(path) {
  const server = createApp().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${server.address().port}${path}`);
    return { status: response.status, body: await response.json() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
