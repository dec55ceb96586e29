import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { typed, type Res } from '../../types/index.js';

describe('typed()', () => {
  it('registers the handler itself, so Express calls it with the real response', async () => {
    const handler = (req: express.Request, res: Res) => {
      res.status(201).json({ path: req.path });
    };
    expect(typed(handler)).toBe(handler);
    const app = express();
    app.get('/x', typed(handler));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const reply = await fetch(`http://127.0.0.1:${port}/x`);
      expect(reply.status).toBe(201);
      expect(await reply.json()).toEqual({ path: '/x' });
    } finally {
      server.close();
    }
  });
});
