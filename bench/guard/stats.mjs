// Small statistics for the guard benchmarks: paired ratios, their median and its confidence interval.

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * Distribution-free 95% confidence interval of a median: the k-th smallest and k-th largest of n
 * values, with k the largest rank such that P(Binomial(n, 1/2) < k) <= 2.5%. Undefined below 6 values.
 */
export function medianInterval(values) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  let k = 0;
  let below = 0;
  let term = 0.5 ** n; // P(B = 0)
  for (let i = 0; i < n; i += 1) {
    below += term; // P(B <= i)
    if (below > 0.025) break;
    k = i + 1;
    term = (term * (n - i)) / (i + 1);
  }
  return k === 0 ? undefined : [s[k - 1], s[n - k]];
}

/** A relative difference as a signed percentage: +2.4%, −1.0%. */
export const pct = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;

export const ci = (interval) => (interval ? `[${pct(interval[0])}, ${pct(interval[1])}]` : '(too few pairs)');
