// The documented limits (docs/types.md), pinned so a compiler change that moves them is noticed.
// Lines marked "compiles" are misuses the types do NOT catch; the lint rule named beside each does.
import express from 'express';
import http from 'node:http';
import type { NodeRes, Res } from '../../../types/index.js';

declare const flag: boolean;
declare function handler(h: (req: express.Request, res: Res) => void): void;
const app = express();

// 1. "Maybe sent" after a branch: the join falls back to the declared `Res`. Compiles.
//    Covered by response-lifecycle/no-double-send (mayBeFinished).
app.get('/maybe', (req, res: Res) => {
  if (flag) res.status(404).send('missing');
  res.json({});
});

// 2. Chains never narrow `res`. Compiles. Covered by no-double-send.
app.get('/chain', (req, res: Res) => {
  res.status(404).send('missing');
  res.json({});
});

// 3. A contextually typed `res` is not tracked: the annotation is the opt-in.
//    Plain Express types: compiles. Covered by response-lifecycle/typed-response-param.
app.get('/untyped', (req, res) => {
  res.send('a');
  res.send('b');
});
//    Through a typed wrapper, assertions need an explicit annotation (TS2775).
handler((req, res) => {
  // @ts-expect-error -- Assertions require every name in the call target to be declared with an explicit type annotation
  res.send('x');
});

// 4. Assertion methods return void, so the first transition cannot be chained or tested.
http.createServer((req, res: NodeRes) => {
  // @ts-expect-error -- Property 'end' does not exist on type 'void'
  res.writeHead(200, { 'content-type': 'text/plain' }).end('body');
});
http.createServer((req, res: NodeRes) => {
  // The first write sends the head: as a condition it is the assertion overload, typed void.
  // @ts-expect-error -- An expression of type 'void' cannot be tested for truthiness
  if (!res.write('first')) res.once('drain', () => res.end());
});

// 5. A closure created before the transition sees the earlier state. Compiles.
//    Covered by response-lifecycle/no-header-after-send.
app.get('/closure-before', (req, res: Res) => {
  res.on('finish', () => res.setHeader('x-late', '1'));
  res.end();
});

// 6. An alias is not tracked: assertions through it need an annotation (TS2775).
app.get('/alias', (req, res: Res) => {
  const r = res;
  // @ts-expect-error -- Assertions require every name in the call target to be declared with an explicit type annotation
  r.end();
});

// 7. Return types (docs/types.md, "Return types"): an assertion call is typed `void`, so a handler
//    declared to return `Response` cannot `return res.json(x)`, and one declared `Promise<void>`
//    cannot return a chained answer. Declare `unknown` / `Promise<unknown>` (express-correct.ts).
app.get('/returns-response', async (req, res: Res): Promise<express.Response> => {
  // @ts-expect-error -- Type 'void' is not assignable to type 'Response<any, Record<string, any>>'
  return res.json({});
});
app.get('/returns-void', async (req, res: Res): Promise<void> => {
  // @ts-expect-error -- Type 'ChainEnded<any, LocalsObject>' is not assignable to type 'void'
  if (flag) return res.status(404).json({});
  res.json({});
});

// 8. An app type the later states are not assignable to hides the narrowing: a re-declared
//    `locals` or a required added member makes the assertion narrow to an intersection whose
//    open overloads come first. Compiles. Reported by typed-response-param (redeclaredLocals,
//    requiredMember); pass locals as `Res<Body, Locals>` and make additions optional
//    (express-misuse.ts, "App types").
interface RedeclaredLocals extends Res<{ id: number }> {
  locals: { user: string };
}
export function redeclaredLocals(req: unknown, res: RedeclaredLocals) {
  res.json({ id: 1 });
  res.json({ id: 2 });
}
interface RequiredAddition extends NodeRes {
  traceId: string;
}
export function requiredAddition(req: unknown, res: RequiredAddition) {
  res.end('a');
  res.end('b');
}
