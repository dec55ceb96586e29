/**
 * Which responses a function answers by its own operations (a finishing call, a finishing helper,
 * `next()`), as opposed to state it inherits from the code that created it. `require-end` checks
 * a function that is not a handler only for these: the callback in
 * `db.get(id, (err, row) => { if (err) return; res.json(row); })` finishes `res` on one path, so
 * it has to answer on all of them.
 */
import { EFFECTS } from '../lifecycle/index.js';
import type { Frame } from './ops.js';
import type { ResponseKey } from './state.js';

export function ownAnswers(frame: Frame): ReadonlySet<ResponseKey> {
  const out = new Set<ResponseKey>();
  for (const ops of frame.ops.values()) {
    for (const op of ops) {
      if (op.kind === 'next' || (op.kind === 'call' && op.finishing)) out.add(op.key);
      else if (op.kind === 'member' && EFFECTS[op.operation.effect].to === 'ended') out.add(op.key);
    }
  }
  return out;
}
