/**
 * The lowest major version a package.json dependency range admits: `^4.17.1` → 4, `~4.0` → 4,
 * `4.x` → 4, `>=3 <5` → 3, `<5` → 0, `4.18.2 - 5` → 4, `^4 || ^5` → 4, `npm:express@^4` → 4.
 * `undefined` when the range says nothing usable: `*`, `x`, `latest` and other tags, `""`, URLs,
 * git and file references, workspace protocols.
 */
const COMPARATOR = /^(<=|>=|<|>|=|\^|~>?|v)?\s*v?(\d+|[xX*])(?:\.(?:\d+|[xX*]))?(?:\.(?:\d+|[xX*]))?(?:[-+][\w.+-]*)?$/u;

export function lowestMajor(range: string): number | undefined {
  const spec = range.trim().replace(/^npm:(?:@[^/]+\/)?[^@]+@/u, '');
  let lowest: number | undefined;
  for (const alternative of spec.split('||')) {
    const major = lowestMajorOfSet(alternative.trim());
    if (major === undefined) return undefined; // one open alternative admits anything
    lowest = lowest === undefined ? major : Math.min(lowest, major);
  }
  return lowest;
}

/** One comparator set (`>=3.2 <5`, `4.0.0 - 4.17.0`, `^4`): the highest of its lower bounds, 0 when it has only upper bounds. */
function lowestMajorOfSet(set: string): number | undefined {
  if (set === '') return undefined;
  const hyphen = /^(\S+)\s+-\s+\S+$/u.exec(set);
  const comparators = hyphen ? [hyphen[1] as string] : set.replace(/(<=|>=|<|>|=|\^|~>?)\s+/gu, '$1').split(/\s+/u);
  let lower: number | undefined;
  let upperOnly = false;
  for (const comparator of comparators) {
    const match = COMPARATOR.exec(comparator);
    if (!match) return undefined;
    const [, operator = '', major = ''] = match;
    if (operator === '<' || operator === '<=') {
      upperOnly = true;
      continue;
    }
    if (!/^\d+$/u.test(major)) return undefined; // `*`, `x`: any major
    lower = Math.max(lower ?? 0, Number(major));
  }
  return lower ?? (upperOnly ? 0 : undefined);
}
