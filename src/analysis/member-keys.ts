/**
 * Keys for responses that are not a variable: `this` in a response's own methods, `this.res` in a
 * wrapper class, Fastify's `reply.raw`, Koa's `ctx.res` (which expressions qualify is decided in
 * ./member-responses.ts). The path analysis keys its states by response; a member response gets
 * one key object per (base, property), the base being the function whose `this` it is or the
 * variable it is read from, so every mention of `this.res` in one method (and in the arrow
 * functions inside it) is the same response, and each method starts from its own fresh state.
 *
 * Like the after-keys of ./state.ts these keys are typed as `ResponseKey` but are not variables:
 * code that reads a variable's `references`/`defs` (require-end, the move suggestion) asks
 * `isMemberKey` first and leaves them alone.
 */
import type { ResponseKey } from './state.js';

interface MemberKey {
  readonly base: object;
  readonly property: string | undefined;
}

const byBase = new WeakMap<object, Map<string | undefined, ResponseKey>>();
const memberKeys = new WeakMap<object, MemberKey>();

/** The key of `base.property` (`property` undefined: `this` itself); the same object every time. */
export function memberKey(base: object, property: string | undefined): ResponseKey {
  let byProperty = byBase.get(base);
  if (!byProperty) byBase.set(base, (byProperty = new Map()));
  let made = byProperty.get(property);
  if (!made) {
    const record: MemberKey = { base, property };
    made = record as unknown as ResponseKey; // a path-state key; never read as a variable
    memberKeys.set(made, record);
    byProperty.set(property, made);
  }
  return made;
}

export function isMemberKey(key: ResponseKey): boolean {
  return memberKeys.has(key);
}
