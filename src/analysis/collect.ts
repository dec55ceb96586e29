/**
 * The traversal half of the analysis: ESLint listeners that record, per code path segment and in
 * evaluation order, every operation on a candidate response (a function parameter, or an alias of
 * one). Classification goes through the lifecycle model only (`memberSpec`, `operationOf`,
 * `PSEUDO_OPERATIONS`). Nothing is decided here about which candidates are responses; the solver
 * asks ./handlers.ts. Frames are handed to `onFrame` when their code path ends.
 */
import type { Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { IRRELEVANT_MEMBERS, PSEUDO_OPERATIONS, memberSpec, operationOf, type MemberSpec, type Operation } from '../lifecycle/index.js';
import { unwrapChain } from '../util/ast.js';
import { localFunctionOf, type Candidates } from './candidates.js';
import type { MemberResponses } from './member-responses.js';
import { bindCallOf } from './this-binding.js';
import { passesOnByEvent, stopsChain } from './chain-conventions.js';
import { addInfeasible, loopThatRunsOnce } from './infeasible-edges.js';
import { GUARD_TEST_EXIT, assumptionsOf, type Assumption } from './guards.js';
import { atomsOf, conditionOf, isMemberAtom, type Condition } from './conditions.js';
import { calleeName, isFunctionNode, unwrapTs, type FunctionNode, type HandlerContext } from './handlers.js';
import { isLoggingCall, isNoOpCallee } from './no-op-callees.js';
import { Reentries } from './reentry.js';
import { looksLikeResponder } from './responder-names.js';
import { savedOriginalCall, type SavedOriginalCall } from './saved-originals.js';
import { startFactsOf } from './start-states.js';
import { responseOfHandlerParam, tornDownResponse, type ResponseLookup } from './connection-teardown.js';
import type { Branch, Frame, Op, ResolvedAssumption } from './ops.js';
import type { Resolver } from './references.js';
import type { Origin, ResponseKey } from './state.js';

/** Array methods whose callback may run once per element. */
const ITERATION_METHODS = new Set([
  'forEach', 'map', 'flatMap', 'reduce', 'reduceRight',
]);

/**
 * Callees whose callbacks may well never run once the creator has answered: timers (cleared),
 * event listeners (`req.on('close')`, `stream.on('error')`), and synchronous helpers.
 */
const NOT_AFTER_CREATOR = new Set([
  'setTimeout', 'setInterval', 'setImmediate', 'on', 'once', 'addListener', 'prependListener',
  'prependOnceListener', 'addEventListener', 'subscribe', 'replace', 'replaceAll', 'sort', 'from',
  'verify', 'sign', 'format',
  // on-headers: the listener runs just before the head is written, while headers can still change
  'onHeaders',
]);

/** Names of the continuation a step of a control-flow chain is given (`async`, promise executors). */
const CONTINUATION = /^(?:done|cb|callback|next|resolve|proceed|finish|complete)$/iu;

/** A function given to a call (`waterfall(steps, …)`, `new Promise(fn)`) directly or in an array of steps. */
function isPassedAsCallback(fn: TSESTree.Node): boolean {
  let node: TSESTree.Node = fn;
  if (node.parent?.type === AST_NODE_TYPES.ArrayExpression) node = node.parent;
  const parent = node.parent;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(node as TSESTree.CallExpressionArgument)
  );
}

/** Properties of a response that hold data or plumbing, not code that may answer for it. */
const NOT_RESPONSE_CODE = new Set([
  'locals', 'socket', 'connection', 'req', 'app', 'headers', 'body', 'statusCode', 'statusMessage', 'data', 'log', 'logger',
]);

/** Events a request or source stream emits in the normal course (`req.on('end', …)`), unlike `error` or `close`. */
const ALWAYS_EMITTED = new Set(['data', 'end', 'readable', 'response']);

function isStreamCompletionListener(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call.callee);
  const event = call.arguments[0];
  return (
    (name === 'on' || name === 'once') &&
    event?.type === AST_NODE_TYPES.Literal &&
    typeof event.value === 'string' &&
    ALWAYS_EMITTED.has(event.value)
  );
}

export interface CollectorOptions {
  /** Functions or `res` methods that finish the response (`sendError(res, …)`, `res.sendError(…)`). */
  readonly finishingHelpers: ReadonlySet<string>;
  /** Functions or `res` methods that take the response over (`require-end`'s `handOffHelpers`). */
  readonly handOffHelpers: ReadonlySet<string>;
  /** Passing the response to an unknown function (or calling an unknown `res` method) hands it off. */
  readonly unknownCalleesHandOff: boolean;
  /** Express error middleware starts with the head maybe sent (./start-states.ts). */
  readonly errorHandlersMaybeSent: boolean;
}

type Listener = (...args: never[]) => void;

export class Collector {
  private readonly stack: Frame[] = [];
  private readonly keyCache = new Map<TSESLint.Scope.Variable, ResponseKey | null>();
  private readonly nextKeys = new Map<TSESLint.Scope.Variable, ResponseKey | null>();
  /** Functions that pass themselves on with a response (a dispatcher's `next`): see ./reentry.ts. */
  private readonly reentries = new Reentries();

  constructor(
    private readonly ctx: HandlerContext,
    private readonly options: CollectorOptions,
    /** The parameters worth tracking (./candidates.ts); their `const` aliases are followed here. */
    private readonly candidates: Candidates,
    private readonly resolveId: Resolver,
    /** `this` in response methods, `this.res`, `reply.raw`, `ctx.res` (./member-responses.ts). */
    private readonly members: MemberResponses,
    private readonly onFrame: (frame: Frame) => void,
  ) {}

  listeners(): Record<string, Listener> {
    return {
      onCodePathStart: (codePath: Rule.CodePath, node: TSESTree.Node) => this.start(codePath, node),
      onCodePathEnd: (_codePath: Rule.CodePath, _node: TSESTree.Node) => {
        const frame = this.stack.pop();
        // A function's calls that pass it on are all collected by now (./reentry.ts).
        if (frame) this.onFrame(this.reentries.withStartFacts(frame));
      },
      onCodePathSegmentStart: (segment: Rule.CodePathSegment, node: TSESTree.Node) => this.enter(segment, node),
      onUnreachableCodePathSegmentStart: (segment: Rule.CodePathSegment, node: TSESTree.Node) => this.enter(segment, node),
      onCodePathSegmentEnd: (segment: Rule.CodePathSegment) => this.top()?.current.delete(segment),
      onUnreachableCodePathSegmentEnd: (segment: Rule.CodePathSegment) => this.top()?.current.delete(segment),
      // An ordinary call may throw: recorded before its arguments, so the callbacks it creates are
      // not in the state the catch sees (a call that throws does not call them back).
      CallExpression: (node: TSESTree.CallExpression) => {
        if (!this.active()) return;
        const callee = unwrapChain(node.callee);
        // Loggers and the response's own methods neither throw here (precision) nor change the
        // objects a condition tested.
        if (isLoggingCall(callee) || this.isResponseMethodCall(callee, calleeName(callee))) return;
        this.throwPoint(node, true);
        this.mayChangeObjects();
      },
      'CallExpression:exit': (node: TSESTree.CallExpression) => {
        if (this.active()) this.call(node);
      },
      'AwaitExpression:exit': (node: TSESTree.AwaitExpression) => {
        if (!this.active()) return;
        this.throwPoint(node);
        this.mayChangeObjects();
        this.resumed(node);
      },
      'YieldExpression:exit': () => this.mayChangeObjects(),
      'UpdateExpression:exit': () => this.mayChangeObjects(),
      'ThrowStatement:exit': (node: TSESTree.ThrowStatement) => {
        if (this.active()) this.throwPoint(node);
      },
      'NewExpression:exit': (node: TSESTree.NewExpression) => {
        if (this.active()) this.throwPoint(node, true);
      },
      'AssignmentExpression:exit': (node: TSESTree.AssignmentExpression) => {
        if (this.active()) this.assignment(node);
      },
      'ReturnStatement:exit': (node: TSESTree.ReturnStatement) => {
        const frame = this.top();
        if (frame) for (const segment of frame.current) frame.returns.set(segment.id, node);
      },
      Identifier: (node: TSESTree.Identifier) => {
        if (this.active()) this.identifier(node);
      },
      ThisExpression: (node: TSESTree.ThisExpression) => {
        if (this.active()) this.thisExpression(node);
      },
      'ArrayExpression:exit': (node: TSESTree.ArrayExpression) => {
        if (this.active()) this.iterableExit(node);
      },
      IfStatement: (node: TSESTree.IfStatement) => {
        if (this.active()) this.guard(node.test, node.consequent, false);
      },
      ConditionalExpression: (node: TSESTree.ConditionalExpression) => {
        if (this.active()) this.guard(node.test, node.consequent, false);
      },
      LogicalExpression: (node: TSESTree.LogicalExpression) => {
        if (node.operator !== '??' && this.active()) this.guard(node.left, node.right, node.operator === '||');
      },
      [GUARD_TEST_EXIT]: (node: TSESTree.Node) => this.testExit(node),
    };
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Operations are collected only where a response can be named (see `Frame.active`). */
  private active(): boolean {
    return this.stack[this.stack.length - 1]?.active === true;
  }

  private candidateOwners: Set<TSESTree.Node> | undefined;

  /**
   * `node` declares a candidate as a parameter. Every response key is a candidate parameter, a
   * `const` alias of one, or a member response (./member-responses.ts), so outside the functions
   * that declare candidates (and the functions nested in them) no expression is a response.
   */
  private ownsCandidate(node: TSESTree.Node): boolean {
    if (!this.candidateOwners) {
      this.candidateOwners = new Set();
      for (const variable of this.candidates) {
        const def = variable.defs[0];
        if (def?.type === 'Parameter') this.candidateOwners.add(def.node as TSESTree.Node);
      }
    }
    return this.candidateOwners.has(node);
  }

  private start(codePath: Rule.CodePath, node: TSESTree.Node): void {
    const parent = this.top();
    const active = parent?.active === true || !this.members.empty || this.ownsCandidate(node);
    // A function in a dormant scope captures nothing that is a response, and starts with no facts.
    if (parent?.active && isFunctionNode(node)) this.captures(node);
    const startFacts = active && isFunctionNode(node) ? this.startFacts(node) : undefined;
    this.stack.push({
      codePath,
      node,
      repeated: isFunctionNode(node) && isIterationCallback(node),
      active,
      ...(startFacts && startFacts.length > 0 ? { startFacts } : {}),
      ops: new Map(),
      segmentStart: new Map(),
      branches: new Map(),
      returns: new Map(),
      catchEntry: new Map(),
      infeasible: new Map(),
      current: new Set(),
      atomTests: new Map(),
    });
  }

  private startFacts(fn: FunctionNode): ReturnType<typeof startFactsOf> {
    return startFactsOf(fn, { ...this.lookup, errorHandlersMaybeSent: this.options.errorHandlersMaybeSent });
  }

  private enter(segment: Rule.CodePathSegment, node: TSESTree.Node): void {
    const frame = this.top();
    if (!frame) return;
    frame.current.add(segment);
    frame.segmentStart.set(segment.id, node);
    if (node.type === AST_NODE_TYPES.CatchClause && node.parent.type === AST_NODE_TYPES.TryStatement) {
      frame.catchEntry.set(segment.id, node.parent);
    }
  }

  /** After a non-empty array literal iterated by `for…of`, leaving the loop at once is infeasible. */
  private iterableExit(node: TSESTree.ArrayExpression): void {
    const frame = this.top();
    const loop = frame ? loopThatRunsOnce(node) : undefined;
    if (!frame || !loop) return;
    for (const segment of frame.current) addInfeasible(frame.infeasible, segment.id, loop);
  }

  private record(op: Op): void {
    const frame = this.top();
    if (!frame) return;
    for (const segment of frame.current) {
      if (!segment.reachable) continue;
      let list = frame.ops.get(segment.id);
      if (!list) frame.ops.set(segment.id, (list = []));
      list.push(op);
    }
  }

  // ---- which values are candidate responses --------------------------------------------------

  /** The candidate response an identifier refers to: a parameter, or a `const` alias of one. */
  keyOfIdentifier(id: TSESTree.Identifier): ResponseKey | undefined {
    const variable = this.resolveId(id);
    return variable ? this.keyOfVariable(variable) : undefined;
  }

  keyOfVariable(variable: TSESLint.Scope.Variable): ResponseKey | undefined {
    const cached = this.keyCache.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    this.keyCache.set(variable, null); // cycle guard
    const key = this.computeKey(variable);
    this.keyCache.set(variable, key ?? null);
    return key;
  }

  private computeKey(variable: TSESLint.Scope.Variable): ResponseKey | undefined {
    const def = variable.defs[0];
    if (!def || variable.defs.length > 1) return undefined;
    if (def.type === 'Parameter') {
      const fn = def.node as TSESTree.Node;
      if (!isFunctionNode(fn)) return undefined;
      const direct = fn.params.some(
        (p) => p === def.name || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === def.name),
      );
      return direct && this.candidates.has(variable) ? variable : undefined;
    }
    if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name) {
      const init = def.node.init ? unwrapTs(def.node.init) : undefined;
      const writes = variable.references.filter((r) => r.isWrite()).length;
      if (init?.type === AST_NODE_TYPES.Identifier && writes <= 1) return this.keyOfIdentifier(init);
      // `var self = this`, `const res = this.res` in a response method or a wrapper
      if (init && writes <= 1) return this.members.keyOf(init);
    }
    return undefined;
  }

  private lookupMade: ResponseLookup | undefined;

  /** How ./start-states.ts and ./connection-teardown.ts find tracked responses (made once the constructor ran). */
  private get lookup(): ResponseLookup {
    return (this.lookupMade ??= {
      ctx: this.ctx,
      resolve: this.resolveId,
      keyOf: (id) => this.keyOfIdentifier(id),
      keyOfVariable: (variable) => this.keyOfVariable(variable),
    });
  }

  /** `next` of a handler: the response key of that handler. */
  private nextKey(id: TSESTree.Identifier): ResponseKey | undefined {
    const variable = this.resolveId(id);
    if (!variable) return undefined;
    // Asked for most names of a file that has a response (calls, arguments, captures): once per variable.
    let key = this.nextKeys.get(variable);
    if (key === undefined) this.nextKeys.set(variable, (key = responseOfHandlerParam(variable, 'next', this.lookup) ?? null));
    return key ?? undefined;
  }

  /** The response an expression is: a candidate variable, or a member response (`this`, `this.res`, `reply.raw`). */
  private keyOfValue(node: TSESTree.Node): ResponseKey | undefined {
    const value = unwrapTs(node);
    return value.type === AST_NODE_TYPES.Identifier ? this.keyOfIdentifier(value) : this.members.keyOf(value);
  }

  /** How the messages name a response expression: `res`, `this`, `this.res`. */
  private spelling(node: TSESTree.Node): string {
    return node.type === AST_NODE_TYPES.Identifier ? node.name : this.ctx.sourceCode.getText(node);
  }

  /** The response a receiver expression is, looking through chains: `res.status(404)` → `res`. */
  private receiverKey(expr: TSESTree.Node): { key: ResponseKey; root: string } | undefined {
    let node = unwrapChain(expr);
    while (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrapChain(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name = calleeName(callee);
      // Lifecycle members return the response, so a chain keeps its receiver.
      if (name === undefined || memberSpec(name)?.kind !== 'method') return undefined;
      node = unwrapChain(callee.object);
    }
    const key = this.keyOfValue(node);
    return key ? { key, root: this.spelling(node) } : undefined;
  }

  // ---- operations ------------------------------------------------------------------------------

  private origin(node: TSESTree.Node, display: string): Origin {
    return { node, display, statement: statementOf(node) };
  }

  /**
   * A point where an exception may leave the `try` block that holds `node`: `await`, `throw`, and
   * (`whileOpen`) an ordinary call or `new`. Not the block's start, and not a response method.
   */
  private throwPoint(node: TSESTree.Node, whileOpen = false): void {
    const tryNode = enclosingTry(node);
    if (tryNode) this.record({ kind: 'throwPoint', tryNode, ...(whileOpen ? { whileOpen } : {}) });
  }

  /**
   * `await wrapper(async () => { res.render(v) })`, `await list().then((xs) => res.json(xs))`:
   * when the `await` resumes normally, the callbacks of the awaited call have run (once, as far as
   * the analysis knows), so what follows sees what they did to the response.
   */
  private resumed(node: TSESTree.AwaitExpression): void {
    const fns = awaitedCallbacks(node.argument);
    if (fns.length > 0) this.record({ kind: 'resumed', fns });
  }

  private call(node: TSESTree.CallExpression): void {
    const callee = unwrapChain(node.callee);
    const name = calleeName(callee);
    const consumed = new Set<TSESTree.Node>();

    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapTs(callee.object);
      if (name === 'exit' && object.type === AST_NODE_TYPES.Identifier && object.name === 'process') {
        this.record({ kind: 'exit', node });
        return;
      }
      const receiver = name === undefined ? undefined : this.receiverKey(callee.object);
      if (receiver && passesOnByEvent(node, name)) {
        this.record({ kind: 'next', key: receiver.key, origin: this.origin(node, `${receiver.root}.emit('next')`) });
      } else if (receiver && name !== undefined) {
        this.memberCall(node, name, receiver);
      }
      const namespaceOf = this.namespaceOwner(callee.object);
      if (namespaceOf) this.record({ kind: 'escape', key: namespaceOf, node });
      if (name === 'pipe') this.pipe(node, node.arguments.slice(0, 1), consumed);
      if (name === 'destroy' && !receiver) this.teardown(node, callee);
    } else if (callee.type === AST_NODE_TYPES.Identifier) {
      const key = this.nextKey(callee);
      if (key && !stopsChain(node)) {
        const arg = node.arguments[0];
        const display = arg?.type === AST_NODE_TYPES.Identifier ? `${callee.name}(${arg.name})` : `${callee.name}()`;
        this.record({ kind: 'next', key, origin: this.origin(node, display) });
      } else {
        const owner = this.continuationOwner(callee);
        if (owner) this.record({ kind: 'escape', key: owner, node });
      }
    }
    if (name === 'pipeline' || name === 'pump') this.pipe(node, node.arguments, consumed);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const target = this.localFunction(callee);
      if (target) {
        this.record({
          kind: 'closureCall',
          target,
          origin: this.origin(node, `${callee.name}()`),
          resultUsed: isResultUsed(node),
        });
      }
    }

    const saved = savedOriginalCall(node, this.resolveId, (id) => this.keyOfIdentifier(id));
    if (saved) this.savedOriginal(node, saved, consumed);

    // The response (or `next`) passed as an argument.
    const passed: ResponseKey[] = [];
    node.arguments.forEach((arg, argIndex) => {
      const value = unwrapTs(arg);
      if (consumed.has(arg)) return;
      // `next` is a parameter too: as a candidate of its own, passing it would hand off nothing.
      const nextKey = value.type === AST_NODE_TYPES.Identifier ? this.nextKey(value) : undefined;
      if (nextKey) {
        this.record({ kind: 'escape', key: nextKey, node: arg });
        return;
      }
      const key = this.keyOfValue(value);
      if (key) {
        passed.push(key);
        const text = this.ctx.sourceCode.getText(node.callee as never);
        this.record({
          kind: 'call',
          key,
          origin: this.origin(node, `${text}()`),
          target: callee.type === AST_NODE_TYPES.Identifier ? this.localFunction(callee) : undefined,
          argIndex,
          finishing: name !== undefined && this.options.finishingHelpers.has(name),
          handsOff: this.handsOff(name) && !isNoOpCallee(callee),
          resultUsed: isResultUsed(node),
          responderName: looksLikeResponder(name) && this.options.unknownCalleesHandOff,
        });
      }
    });
    if (passed.length > 0 && node.arguments.length > 1) {
      this.reentries.note(node, passed, (id) => this.localFunction(id), `${this.ctx.sourceCode.getText(node.callee as never)}()`);
    }
  }

  /**
   * `end.call(this, chunk)` where `const end = res.end` (./saved-originals.ts): the response's own
   * method, called past an override. The response given as `this` is not handed to other code.
   */
  private savedOriginal(node: TSESTree.CallExpression, saved: SavedOriginalCall, consumed: Set<TSESTree.Node>): void {
    const spec = memberSpec(saved.method);
    if (spec?.kind !== 'method') return;
    for (const arg of node.arguments) {
      const value = unwrapTs(arg);
      if (value.type === AST_NODE_TYPES.Identifier && this.keyOfIdentifier(value) === saved.key) consumed.add(arg);
    }
    // `apply(this, arguments)` passes on whatever the caller gave: counted as a plain call.
    const operation = methodOperation(spec, saved.args ?? []);
    const display = `${this.ctx.sourceCode.getText(node.callee as never)}()`;
    this.record({ kind: 'member', key: saved.key, operation, origin: this.origin(node, display) });
  }

  private memberCall(
    node: TSESTree.CallExpression,
    name: string,
    receiver: { key: ResponseKey; root: string },
  ): void {
    const display = `${receiver.root}.${name}()`;
    const spec = memberSpec(name);
    if (spec?.kind === 'method') {
      const operation = methodOperation(spec, node.arguments);
      if (operation.effect === 'read' || operation.effect === 'neutral') return;
      const origin = { ...this.origin(node, display), ...(spec.async ? { async: true as const } : {}) };
      this.record({ kind: 'member', key: receiver.key, operation, origin });
      return;
    }
    if (this.options.finishingHelpers.has(name)) {
      this.record({ kind: 'member', key: receiver.key, operation: FINISH, origin: this.origin(node, display) });
      return;
    }
    // A method the model does not know (`res.ok()`, `res.sendError()`) hands the response to other code.
    if (spec === undefined && !Object.hasOwn(IRRELEVANT_MEMBERS, name) && this.handsOff(name)) {
      this.record({ kind: 'escape', key: receiver.key, node });
    }
  }

  /** `req.destroy()`, `res.socket.destroy()`: the response goes with its connection, as on `res.destroy()`. */
  private teardown(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
    const key = tornDownResponse(callee.object, this.lookup);
    const spec = memberSpec('destroy');
    if (!key || spec?.kind !== 'method') return;
    const display = `${this.ctx.sourceCode.getText(callee as never)}()`;
    this.record({ kind: 'member', key, operation: methodOperation(spec, node.arguments), origin: this.origin(node, display) });
  }

  /**
   * `res.oidc.login()`, `res.flash.send()`: a method of something a library hung on the response.
   * It was built with the response in hand, so calling it hands the response to that code (as an
   * unknown `res` method does). Data the response carries (`res.locals.list.push()`) and its own
   * plumbing (`res.socket.setTimeout()`) are not such code.
   */
  private namespaceOwner(object: TSESTree.Node): ResponseKey | undefined {
    const member = unwrapChain(object);
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed) return undefined;
    const root = unwrapTs(member.object);
    if (root.type !== AST_NODE_TYPES.Identifier || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const name = member.property.name;
    if (memberSpec(name) !== undefined || Object.hasOwn(IRRELEVANT_MEMBERS, name) || NOT_RESPONSE_CODE.has(name)) return undefined;
    if (!this.options.unknownCalleesHandOff && !this.options.handOffHelpers.has(name)) return undefined;
    return this.keyOfIdentifier(root);
  }

  /** `res.json(x)`, `res.status(404).send()`: a response method is not counted as a throw point. */
  private isResponseMethodCall(callee: TSESTree.Node, name: string | undefined): boolean {
    if (name === undefined) return false;
    if (callee.type === AST_NODE_TYPES.Identifier) return this.nextKey(callee) !== undefined;
    return callee.type === AST_NODE_TYPES.MemberExpression && memberSpec(name)?.kind === 'method' && this.receiverKey(callee.object) !== undefined;
  }

  private handsOff(name: string | undefined): boolean {
    return this.options.unknownCalleesHandOff || (name !== undefined && this.options.handOffHelpers.has(name));
  }

  /** `src.pipe(res)` and `pipeline(src, …, res, cb)`: the stream finishes the response later. */
  private pipe(node: TSESTree.CallExpression, candidates: readonly TSESTree.Node[], consumed: Set<TSESTree.Node>): void {
    for (const arg of candidates) {
      const value = unwrapTs(arg);
      const key = this.keyOfValue(value);
      if (!key) continue;
      consumed.add(arg);
      const options = node.arguments[1];
      if (calleeName(node.callee) === 'pipe' && options && keepsOpen(options)) {
        this.record({ kind: 'escape', key, node });
        continue;
      }
      const pseudo = PSEUDO_OPERATIONS.pipedInto;
      this.record({
        kind: 'member',
        key,
        operation: { effect: pseudo.effect },
        // `await pipeline(src, res)` has finished (or failed) when the await resumes.
        origin: { ...this.origin(node, pseudo.display.replace('res', this.spelling(value))), ...(isAwaited(node) ? {} : { async: true as const }) },
      });
    }
  }

  private assignment(node: TSESTree.AssignmentExpression): void {
    this.mayChangeObjects();
    const left = unwrapTs(node.left);
    if (left.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = calleeName(left);
    const spec = name === undefined ? undefined : memberSpec(name);
    if (spec?.kind !== 'property' || spec.effect === 'read' || spec.effect === 'neutral') return;
    const receiver = this.receiverKey(left.object);
    if (!receiver) return;
    const operation = operationOf(spec, { hasData: false, hasCallback: false });
    this.record({
      kind: 'member',
      key: receiver.key,
      operation,
      origin: this.origin(node, `${receiver.root}.${name} = …`),
    });
  }

  /** A response used as a value (returned, stored, put in an object) leaves this function's control. */
  private identifier(node: TSESTree.Identifier): void {
    if (escapes(node)) {
      const key = this.nextKey(node) ?? this.keyOfIdentifier(node);
      if (key) this.record({ kind: 'escape', key, node });
    }
    if (!this.members.empty) this.memberEscape(node.parent);
  }

  /** `return this`, `{ res: this.res }`: a member response used as a value. */
  private thisExpression(node: TSESTree.ThisExpression): void {
    if (this.members.empty) return;
    if (escapes(node)) {
      const key = this.members.keyOf(node);
      if (key) this.record({ kind: 'escape', key, node });
    }
    this.memberEscape(node.parent);
  }

  /** `this.res` / `reply.raw` (the parent of a `this` or a name) used as a value. */
  private memberEscape(parent: TSESTree.Node): void {
    if (parent.type !== AST_NODE_TYPES.MemberExpression || !escapes(parent)) return;
    const key = this.members.keyOf(parent);
    if (key) this.record({ kind: 'escape', key, node: parent });
  }


  /**
   * The responses (and `next`s) a function uses from outside: directly, through a continuation it
   * calls (`done(err, user)`), or through a local closure it calls (`createToken(user)` where
   * `createToken` answers): a callback that calls such a closure answers through it.
   */
  private capturedKeys(fn: TSESTree.Node, seen = new Set<TSESTree.Node>()): Set<ResponseKey> {
    const keys = new Set<ResponseKey>();
    if (seen.has(fn)) return keys;
    seen.add(fn);
    for (const ref of this.ctx.sourceCode.getScope(fn).through) {
      // A global (`require`, `console`) is no response, `next`, continuation or local function.
      if (!ref.resolved) continue;
      const id = ref.identifier as TSESTree.Identifier;
      const calls = id.parent?.type === AST_NODE_TYPES.CallExpression && id.parent.callee === id;
      const key = this.nextKey(id) ?? this.keyOfIdentifier(id) ?? (calls ? this.continuationOwner(id) : undefined);
      if (key) keys.add(key);
      // `reply.raw` of an outer `reply`
      const member = id.parent?.type === AST_NODE_TYPES.MemberExpression && id.parent.object === id ? this.members.keyOf(id.parent) : undefined;
      if (member) keys.add(member);
      const closure = calls && !key ? this.localFunction(id) : undefined;
      if (closure) for (const inner of this.capturedKeys(closure, seen)) keys.add(inner);
    }
    for (const key of this.members.capturedThroughThis(fn)) keys.add(key);
    return keys;
  }

  /** A nested function that uses the response (or `next`) may finish it later. */
  private captures(fn: TSESTree.Node): void {
    const keys = this.capturedKeys(fn);
    if (keys.size === 0) return;
    // `res.sendFile(p, (err) => …)`, `res.on('finish', …)`: the response calls these itself, in
    // its own time; they do not run "after" the code that precedes them here.
    // `db.query(sql, function (e, rows) {…}.bind(this))`: the bound copy is what the call is given.
    const passed = bindCallOf(fn) ?? fn;
    const call = passed.parent;
    const callee = call?.type === AST_NODE_TYPES.CallExpression ? unwrapChain(call.callee) : undefined;
    const argumentOf =
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.includes(passed as TSESTree.CallExpressionArgument) &&
      callee?.type === AST_NODE_TYPES.MemberExpression
        ? this.receiverKey(callee.object)?.key
        : undefined;
    const inherits = fn.type !== AST_NODE_TYPES.FunctionDeclaration;
    const calleeName_ = callee ? calleeName(callee) : undefined;
    const runsAfterCreator =
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.includes(passed as TSESTree.CallExpressionArgument) &&
      !isIterationCallback(fn) &&
      !isAwaited(call) &&
      (!(calleeName_ !== undefined && NOT_AFTER_CREATOR.has(calleeName_)) || isStreamCompletionListener(call));
    const runsNow = isIterationCallback(fn);
    this.record({ kind: 'capture', fn, keys: [...keys], inherits, argumentOf, runsAfterCreator, runsNow });
  }

  private localFunction(callee: TSESTree.Identifier): TSESTree.Node | undefined {
    return localFunctionOf(this.resolveId(callee));
  }

  // ---- guards ----------------------------------------------------------------------------------

  /** Tests worth a branch, from their start to their exit, with what was read off them at the start (pure in the AST). */
  private readonly pendingTests = new Map<
    TSESTree.Node,
    { matchStart: TSESTree.Node; swap: boolean; whenTrue: readonly Assumption[]; whenFalse: readonly Assumption[]; test: Condition }
  >();

  private guard(test: TSESTree.Node, matchStart: TSESTree.Node, swap: boolean): void {
    const whenTrue = assumptionsOf(test, true, this.resolveId);
    const whenFalse = assumptionsOf(test, false, this.resolveId);
    const condition = this.conditionOf(test);
    if (whenTrue.length === 0 && whenFalse.length === 0 && condition.kind === 'opaque') return;
    this.pendingTests.set(test, { matchStart, swap, whenTrue, whenFalse, test: condition });
  }

  private conditionOf(test: TSESTree.Node): Condition {
    return conditionOf(test, { resolve: this.resolveId, isRouterNext: (id: TSESTree.Identifier) => this.isRouterNext(id) });
  }

  /** A handler's `next` that a router always passes (not declared optional or with a default). */
  private isRouterNext(id: TSESTree.Identifier): boolean {
    if (!this.nextKey(id)) return false;
    const name = this.resolveId(id)?.defs[0]?.name as TSESTree.Identifier | undefined;
    return name !== undefined && !name.optional && name.parent?.type !== AST_NODE_TYPES.AssignmentPattern;
  }

  /**
   * `async.waterfall([function (done) { … done(err, user) }], (err) => …)`, `new Promise((resolve) =>
   * { …; resolve() })`: calling the continuation a step was given passes the request on to the code
   * that continues the chain (the final callback, the awaiting handler). The response it hands on is
   * the one of the handler around the step.
   */
  private continuationOwner(callee: TSESTree.Identifier): ResponseKey | undefined {
    if (!CONTINUATION.test(callee.name)) return undefined;
    const def = this.resolveId(callee)?.defs[0];
    if (def?.type !== 'Parameter') return undefined;
    const step = def.node as TSESTree.Node;
    if (!isFunctionNode(step) || !isPassedAsCallback(step)) return undefined;
    for (let fn: TSESTree.Node | undefined = step.parent; fn; fn = fn.parent) {
      if (!isFunctionNode(fn)) continue;
      for (const variable of this.ctx.sourceCode.getDeclaredVariables(fn)) {
        if (variable.defs[0]?.type !== 'Parameter') continue;
        const key = this.keyOfVariable(variable);
        if (key) return key;
      }
    }
    return undefined;
  }

  /** Other code may run here: facts on member chains no longer hold (./conditions.ts). */
  private mayChangeObjects(): void {
    if (this.top()?.memberConditions) this.record({ kind: 'forget' });
  }

  /** When a guard test has been evaluated, the current segments are where the branch leaves from. */
  private testExit(node: TSESTree.Node): void {
    if (this.pendingTests.size === 0) return;
    const pending = this.pendingTests.get(node);
    if (!pending) return;
    this.pendingTests.delete(node);
    const frame = this.top();
    if (!frame) return;
    const whenTrue = this.resolveAssumptions(pending.whenTrue);
    const whenFalse = this.resolveAssumptions(pending.whenFalse);
    const test = pending.test;
    for (const atom of new Set(atomsOf(test))) {
      frame.atomTests.set(atom, (frame.atomTests.get(atom) ?? 0) + 1);
      if (isMemberAtom(atom)) frame.memberConditions = true;
    }
    // `a || b`: the right side runs when the left is false.
    const condition = test.kind === 'opaque' ? undefined : { test, matchValue: !pending.swap };
    const branch: Branch = pending.swap
      ? { test: node, matchStart: pending.matchStart, onMatch: whenFalse, otherwise: whenTrue, condition }
      : { test: node, matchStart: pending.matchStart, onMatch: whenTrue, otherwise: whenFalse, condition };
    for (const segment of frame.current) {
      if (!segment.reachable) continue;
      let list = frame.branches.get(segment.id);
      if (!list) frame.branches.set(segment.id, (list = []));
      list.push(branch);
    }
  }

  private resolveAssumptions(list: readonly Assumption[]): ResolvedAssumption[] {
    const out: ResolvedAssumption[] = [];
    for (const assumption of list) {
      const key = this.keyOfValue(assumption.object);
      if (!key) continue;
      const display = `${this.spelling(assumption.object)}.${assumption.property}`;
      out.push({ key, meaning: assumption.meaning, value: assumption.value, origin: { ...this.origin(assumption.node, display), guard: true } });
    }
    return out;
  }
}

/** The expression's value leaves the function's control: returned, stored, put in an object or array, passed to `new`. */
function escapes(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  return (
    (parent.type === AST_NODE_TYPES.ReturnStatement && parent.argument === node) ||
    (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) ||
    (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) ||
    parent.type === AST_NODE_TYPES.ArrayExpression ||
    parent.type === AST_NODE_TYPES.SpreadElement ||
    parent.type === AST_NODE_TYPES.YieldExpression ||
    (parent.type === AST_NODE_TYPES.NewExpression && parent.arguments.includes(node as TSESTree.Expression)) ||
    (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node)
  );
}

const FINISH: Operation = { effect: 'finish', setsHead: false, writesData: false };

/** What a call of the method `spec` with these arguments does (`end(chunk)` also writes; `render(v, cb)` hands off). */
function methodOperation(spec: MemberSpec, args: readonly TSESTree.CallExpressionArgument[]): Operation {
  const first = args[0];
  const last = args[args.length - 1];
  return operationOf(spec, {
    hasData: first !== undefined && !isFunctionNode(first) && !isNullish(first),
    hasCallback: last !== undefined && isFunctionNode(last),
  });
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** `src.pipe(res, { end: false })` leaves the response open. */
function keepsOpen(options: TSESTree.Node): boolean {
  return (
    options.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      (p) =>
        p.type === AST_NODE_TYPES.Property &&
        calleeName(p.key) === 'end' &&
        p.value.type === AST_NODE_TYPES.Literal &&
        p.value.value === false,
    )
  );
}

function isIterationCallback(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const callee = unwrapChain(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? calleeName(callee) : undefined;
  return name !== undefined && ITERATION_METHODS.has(name);
}

/** The innermost `try` (with a `catch`) whose block contains `node`, within the same function. */
function enclosingTry(node: TSESTree.Node): TSESTree.TryStatement | undefined {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return undefined;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler) return parent;
  }
  return undefined;
}

/**
 * The caller looks at what the call returns (a test, an assignment, an argument), so a helper that
 * finishes on some paths may be telling it which: `if (!checkInput(req, res)) return;`.
 */
function isResultUsed(call: TSESTree.Node): boolean {
  let node: TSESTree.Node = call;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void'))
  ) {
    if (parent.type === AST_NODE_TYPES.UnaryExpression) return false;
    node = parent;
    parent = node.parent;
  }
  return !(parent?.type === AST_NODE_TYPES.ExpressionStatement || parent?.type === AST_NODE_TYPES.ReturnStatement);
}

/**
 * The expression statement that consists of the call `node` (through `res.status(404).json(x)`
 * chains, `await`, `void`), when `return` can be inserted before it.
 */
function statementOf(node: TSESTree.Node): TSESTree.ExpressionStatement | undefined {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) return parent;
    const continues =
      (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === current) ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression;
    if (!continues) return undefined;
    current = parent;
  }
}

/**
 * The call whose value is awaited (or yielded to a driver such as co), directly or at the end of
 * a promise chain: `await f(cb)`, `await p.then(cb).catch(h)`, `yield f(cb)`.
 */
function isAwaited(call: TSESTree.Node): boolean {
  let node: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.YieldExpression) return true;
    const chained =
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent);
    if (!chained) return false;
    node = parent.type === AST_NODE_TYPES.MemberExpression ? (parent.parent as TSESTree.Node) : parent;
  }
}

/** The function arguments of the calls in an awaited expression's promise chain. */
function awaitedCallbacks(expr: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  let node: TSESTree.Node | undefined = unwrapChain(expr);
  while (node?.type === AST_NODE_TYPES.CallExpression) {
    for (const arg of node.arguments) if (isFunctionNode(arg)) out.push(arg);
    const callee = unwrapChain(node.callee);
    node = callee.type === AST_NODE_TYPES.MemberExpression ? unwrapChain(callee.object) : undefined;
  }
  return out;
}

