import { createLifecycleRule } from '../src/analysis/lifecycle-rule.js';

/** A head mutation (`res.status()`, `setHeader`, `writeHead`, a 1xx) after the head was sent, on some path. */
export default createLifecycleRule('no-header-after-send', 'Disallow changing the status or headers after they were sent');
