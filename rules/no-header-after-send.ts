import { createLifecycleRule } from '../src/analysis/lifecycle-rule.js';

/** A head mutation (`res.status()`, `setHeader`, `writeHead`, a 1xx) after the head was sent, on some path. */
export default createLifecycleRule('no-header-after-send', 'Disallow changing the status or headers after they were sent', {
  properties: {
    errorHandlersMaybeSent: {
      type: 'boolean',
      description:
        'Treat Express error middleware `(err, req, res, next)` as starting with the head maybe sent: a status or header change there must be under a `res.headersSent` check.',
    },
  },
  defaults: { errorHandlersMaybeSent: false },
});
