/**
 * `eslint-plugin-response-lifecycle/types`: type-state typings for node:http and Express responses.
 * Annotate a handler's response (`res: Res` / `res: NodeRes`) and the compiler rejects calls the
 * lifecycle model (src/lifecycle) forbids in the state the response is in. See docs/types.md.
 */
export type { ChainEnded, ChainRes, ChainSent, EndedRes, ErrorHandler, Handler, LocalsObject, Res, SentRes } from './express.js';
export type { NodeChainEnded, NodeChainRes, NodeChainSent, NodeEndedRes, NodeHandler, NodeRes, NodeSentRes } from './node.js';
export type { MisuseMessages } from './generated/lifecycle.js';
export { typed } from './register.js';
