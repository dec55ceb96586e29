/**
 * A dispatcher's own `next`, re-entered after the handlers it was passed to have run: in a router
 * such as `function next(err) { const layer = stack[i++]; if (!layer) { res.statusCode = 404;
 * return res.end(); } layer.handle(req, res, next); }`, every run but the first comes from a
 * handler that may already have answered, so the function starts "maybe sent and ended": a header
 * change or an answer at its start needs a `res.headersSent` guard (finalhandler's way).
 *
 * Only for functions that pass themselves on: a local function whose own name is an argument,
 * next to the response, of a call inside that function. A continuation given to other code once
 * (`upload(req, res, (err) => …)`, `serve(req, res, done)` from the handler) starts fresh.
 *
 * The collector notes such calls as it meets them and adds the start facts (./start-states.ts)
 * when the function's code path ends, which is after every call inside it.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrapTs } from '../util/ast.js';
import type { Frame } from './ops.js';
import type { StartFact } from './start-states.js';
import type { ResponseKey } from './state.js';

export class Reentries {
  /** Per self-passing function: one start fact per response it passes itself on with (the first call that does). */
  private readonly byFunction = new Map<TSESTree.Node, Map<ResponseKey, StartFact>>();

  /**
   * At a call that passes the responses `keys`: the arguments that name a local function around
   * this call (`localFunction` resolves an identifier to the function it names, if any).
   */
  note(
    call: TSESTree.CallExpression,
    keys: readonly ResponseKey[],
    localFunction: (id: TSESTree.Identifier) => TSESTree.Node | undefined,
    display: string,
  ): void {
    for (const arg of call.arguments) {
      const value = unwrapTs(arg);
      if (value.type !== AST_NODE_TYPES.Identifier) continue;
      const fn = localFunction(value);
      if (!fn || call.range[0] < fn.range[0] || call.range[1] > fn.range[1]) continue;
      let facts = this.byFunction.get(fn);
      if (!facts) this.byFunction.set(fn, (facts = new Map()));
      for (const key of keys) {
        // No `statement`: returning after this call, or moving a header above it, is no fix.
        if (!facts.has(key)) facts.set(key, { kind: 'state', key, sent: 1, ended: 1, origin: { node: call, display, statement: undefined } });
      }
    }
  }

  /** The frame with its re-entry facts added to the facts it starts with. */
  withStartFacts(frame: Frame): Frame {
    const facts = this.byFunction.get(frame.node);
    return facts ? { ...frame, startFacts: [...(frame.startFacts ?? []), ...facts.values()] } : frame;
  }
}
