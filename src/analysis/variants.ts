/**
 * Paths kept apart by what they know of plain conditions (./conditions.ts): after
 * `if (data) res.json(data);` the path where `data` was truthy and the one where it was falsy are
 * two variants, so a later `if (!data) res.end()` is taken only by the second. Variants that know
 * the same are joined as before; past MAX_VARIANTS every variant is joined into one (precision
 * falls back to the plain join, never the other way round).
 */
import { isConditionKey } from './conditions.js';
import { joinState, sameState, type PathState } from './state.js';

export type Variants = readonly PathState[];

const MAX_VARIANTS = 8;

/** Signatures by state: states are never changed once built, and joins hand the same ones around. */
const signatures = new WeakMap<PathState, string>();

/** What a variant knows of conditions, as a comparable string (atom id and value). */
function signature(state: PathState): string {
  let known = signatures.get(state);
  if (known === undefined) signatures.set(state, (known = computeSignature(state)));
  return known;
}

function computeSignature(state: PathState): string {
  let parts: string[] | undefined;
  for (const [key, ks] of state) {
    if (!isConditionKey(key)) continue;
    const known = ks.sent === 2 ? 'T' : ks.ended === 2 ? 'F' : undefined;
    if (known) (parts ??= []).push(`${(key as unknown as { id: number }).id}${known}`);
  }
  return parts ? parts.sort().join(',') : '';
}

/** Joins variants that know the same; all of them when there are too many. */
export function mergeVariants(list: readonly PathState[]): Variants | undefined {
  if (list.length === 0) return undefined;
  if (list.length === 1) return list;
  const bySignature = new Map<string, PathState>();
  for (const state of list) {
    const sig = signature(state);
    bySignature.set(sig, joinState(bySignature.get(sig), state) as PathState);
  }
  const merged = [...bySignature.values()];
  return merged.length > MAX_VARIANTS ? [joinAll(merged) as PathState] : merged;
}

/** The plain join of all variants (what the replay, the exits and the reports read). */
export function joinAll(variants: Variants | undefined): PathState | undefined {
  let out: PathState | undefined;
  for (const state of variants ?? []) out = joinState(out, state);
  return out;
}

export function sameVariants(a: Variants | undefined, b: Variants | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  // One variant each (most segments): equal states know the same conditions, no signatures needed.
  if (a.length === 1) return sameState(a[0], b[0]);
  const bySignature = new Map(b.map((state) => [signature(state), state]));
  return a.every((state) => sameState(state, bySignature.get(signature(state))));
}
