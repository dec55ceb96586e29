/**
 * Type-state typings for a plain node:http response: `NodeRes` (open) → `NodeSentRes` (head sent)
 * → `NodeEndedRes` (finished), each a subtype of the one before, so an assertion narrows to it.
 */
import type * as http from 'node:http';
import type { ManagedMembers, NodeChainEnded, NodeChainSent, NodeEndedRes, NodeSentRes } from './generated/lifecycle.js';
import type { NodeChainMembers, NodeOpenMembers, NodeSentWrites } from './members.js';

export type { NodeChainEnded, NodeChainSent, NodeEndedRes, NodeSentRes };

/**
 * `Omit<http.ServerResponse, ManagedMembers<'node'>>`, spelled as one key-remapping mapped type:
 * `Omit` (`Pick<T, Exclude<keyof T, K>>`) costs about 330 more type instantiations per program
 * (`npm run bench:types`), and a generic helper for this costs more than `Omit`.
 */
type Unmanaged = { [K in keyof http.ServerResponse as K extends ManagedMembers<'node'> ? never : K]: http.ServerResponse[K] };

/** An open node:http response: annotate the handler's parameter with it (`res: NodeRes`). */
export interface NodeRes
  extends Unmanaged,
    NodeOpenMembers<NodeSentRes, NodeEndedRes, NodeChainRes> {}

/** What stays legal once the head is sent; generated/lifecycle.ts adds the refusals. */
export interface NodeSentBase extends NodeRes {
  write: NodeSentWrites['write'];
}

/** What `res.setHeader(...)` returns: the rest of the chain is checked, `res` is not narrowed. */
export interface NodeChainRes extends Unmanaged, NodeChainMembers<NodeChainRes, NodeChainSent, NodeChainEnded> {}

/** A node:http request listener whose response is tracked. */
export type NodeHandler = (req: http.IncomingMessage, res: NodeRes) => unknown;

// Compile-time completeness: every head mutation and transition of the model is re-declared above
// (an Omit-ted member that is not re-declared would silently vanish from the state types).
type MustBeNever<T extends never> = T;
export type _NodeRedeclaresAll = MustBeNever<Exclude<ManagedMembers<'node'>, keyof NodeOpenMembers<never, never, never>>>;
