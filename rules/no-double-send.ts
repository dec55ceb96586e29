import { createLifecycleRule } from '../src/analysis/lifecycle-rule.js';

/** A second finish (`res.json()` after `res.send()`), or `next()` after the response was finished, on some path. */
export default createLifecycleRule('no-double-send', 'Disallow finishing a response twice, or calling next() after it was finished');
