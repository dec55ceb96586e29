import { createLifecycleRule } from '../src/analysis/lifecycle-rule.js';

/** A second finish (`res.json()` after `res.send()`), or `next()` after the response was finished, on some path. */
export default createLifecycleRule('no-double-send', 'Disallow finishing a response twice, or calling next() after it was finished', {
  properties: {
    allowNextAfterFinish: {
      type: 'boolean',
      description:
        'Allow `next()` with no argument after the response was finished, for apps whose later middleware checks `res.headersSent` (access logs, timing). `next(err)` after a finish is still reported.',
    },
  },
  defaults: { allowNextAfterFinish: false },
});
