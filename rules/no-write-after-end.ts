import { createLifecycleRule } from '../src/analysis/lifecycle-rule.js';

/** `write()`, `end(data)` or trailers after the response was ended, on some path. */
export default createLifecycleRule('no-write-after-end', 'Disallow writing to a response after it was ended');
