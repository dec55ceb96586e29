/**
 * Renders types/generated/lifecycle.ts from the lifecycle model (src/lifecycle): which members
 * exist, which calls are refused in which state, and the text of each refusal. The hand-written
 * typings in types/ only say how a member changes the state; everything that is *forbidden* comes
 * from here, so a member the model classifies cannot be forgotten in the types.
 *
 * tests/types/generated.test.ts fails when the file is stale; `npm run generate:types` rewrites it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  MEMBERS,
  STATES,
  operationOf,
  violationFor,
  type LifecycleState,
  type MemberSpec,
  type ViolationRow,
} from '../src/lifecycle/index.js';

export const GENERATED_TYPE_MODEL_PATH = 'types/generated/lifecycle.ts';

/**
 * The members @types/node and @types/express declare on a response. The model also classifies
 * undocumented runtime members (`writeHeader`); the typings leave those undeclared, so using one
 * is an error in every state, as it is with the plain types.
 */
export function declaredMembers(): ReadonlySet<string> {
  // Inside the repository, so that node_modules resolves as it does for users.
  mkdirSync('.tmp', { recursive: true });
  const dir = mkdtempSync(path.resolve('.tmp/type-model-'));
  try {
    const file = path.join(dir, 'probe.ts');
    writeFileSync(
      file,
      "import type * as core from 'express-serve-static-core';\nexport declare const res: core.Response;\n",
    );
    const program = ts.createProgram([file], {
      strict: true,
      skipLibCheck: true,
      types: ['node'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source)?.exports?.get(ts.escapeLeadingUnderscores('res'));
    if (!symbol) throw new Error('type-model: could not resolve express-serve-static-core');
    const names = checker.getPropertiesOfType(checker.getTypeOfSymbol(symbol)).map((p) => p.name);
    if (!names.includes('writeHead') || !names.includes('json')) throw new Error('type-model: @types did not resolve');
    return new Set(names);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The argument shapes `operationOf` distinguishes (`hasData`, `hasCallback`). */
export const ARGUMENT_SHAPES = [
  { key: 'plain', hasData: false, hasCallback: false },
  { key: 'data', hasData: true, hasCallback: false },
  { key: 'callback', hasData: false, hasCallback: true },
  { key: 'dataCallback', hasData: true, hasCallback: true },
] as const;
export type ArgumentShape = (typeof ARGUMENT_SHAPES)[number];

type RefusedState = Exclude<LifecycleState, 'open'>;
const REFUSED_STATES = STATES.filter((s): s is RefusedState => s !== 'open');

/**
 * What went wrong and what to do, per violation message id: the lint rule's message (in
 * src/lifecycle/messages.ts) without what the compiler cannot know, which earlier call sent the
 * response and where (`res.send(...)` stands for it). Keyed by message id, not by member;
 * tests/types/messages.test.ts checks both halves against the lint messages.
 */
const PROBLEM_AND_FIX: Readonly<Record<string, readonly [problem: string, fix: string]>> = {
  headAfterSend: ['changes the head after it was already sent (ERR_HTTP_HEADERS_SENT)', 'Set status and headers before the first write or send.'],
  alreadyFinished: ['finishes a response that was already finished', "Return after the first send (`return res.send(...)`), or check the response's `headersSent` first."],
  writeAfterEnd: ['writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END)', 'Write every chunk before `end()`, or return after ending.'],
  nextAfterFinish: ['passes the request on after the response was already finished', 'Return after the send instead of also calling next.'],
};

/** Members whose arguments change the operation (`end(data)`, `render(view, cb)`). */
function shapesOf(spec: MemberSpec): readonly ArgumentShape[] {
  if (spec.kind === 'property') return [ARGUMENT_SHAPES[0]];
  return ARGUMENT_SHAPES.filter(
    (shape) => (!shape.hasData || spec.writesDataWithArgs) && (!shape.hasCallback || spec.withCallback || spec.writesDataWithArgs),
  );
}

export function violationOf(spec: MemberSpec, state: LifecycleState, shape: ArgumentShape): ViolationRow | undefined {
  return violationFor(state, operationOf(spec, shape));
}

function display(spec: MemberSpec, shape: ArgumentShape): string {
  if (spec.kind === 'property') return `res.${spec.name} = ...`;
  // A callback does not change what is refused, so only the data argument is shown.
  return `res.${spec.name}(${shape.hasData ? 'data' : ''})`;
}

/**
 * The refusal text of one member and argument shape. It must not depend on the state: a refused
 * method keeps one `this` type in every later state, or the ended state would stop being a
 * subtype of the sent one (and narrowing from sent to ended would silently stop). Shapes that
 * differ only by a callback share one text too, so it covers every row they can break.
 */
export function refusalMessage(spec: MemberSpec, shape: ArgumentShape): string | undefined {
  const sameKey = shapesOf(spec).filter((other) => messageKey(spec, other) === messageKey(spec, shape));
  const rows = REFUSED_STATES.flatMap((state) => sameKey.map((other) => violationOf(spec, state, other))).filter(
    (row) => row !== undefined,
  );
  if (rows.length === 0) return undefined;
  const ids = [...new Set(rows.map((row) => String(row.definite)))];
  const parts = ids.map((id) => {
    const pair = PROBLEM_AND_FIX[id];
    if (!pair) throw new Error(`type-model: no problem/fix text for violation message id "${id}"`);
    return pair;
  });
  // The rule id first, then the rule's message: TypeScript prints its own words before the `this`
  // type ("The 'this' context of type … is not assignable to method's 'this' of type '…'"), and no
  // encoding that keeps the later states subtypes moves the text ahead of them
  // (scripts/type-message-probes.mjs), so the text starts with what the lint rule would say.
  const rules = [...new Set(rows.map((row) => row.rule))].join(', ');
  const problems = [...new Set(parts.map(([problem]) => problem))].join(', or ');
  const fixes = [...new Set(parts.map(([, fix]) => fix))].join(' ');
  return `${rules}: \`${display(spec, shape)}\` ${problems}. ${fixes}`;
}

/** Messages are keyed by member, plus `(data)` where a data argument changes the refusal. */
export function messageKey(spec: MemberSpec, shape: ArgumentShape): string {
  return shape.hasData ? `${spec.name}(data)` : spec.name;
}

/** How one member is refused in one state. */
export type Refusal =
  | { kind: 'none' }
  | { kind: 'property' }
  | { kind: 'whole' }
  /** Refused for every shape, but a data argument changes the text (`end()` vs `end(data)`). */
  | { kind: 'byData' }
  /**
   * Refused exactly for the shapes with data (`end(data)` once ended; a bare `end()` / `end(cb)`
   * is a no-op there, the model's `noOpOnceEnded`): the `this` type is picked by the arguments too.
   */
  | { kind: 'dataOnly' }
  /** Some argument shapes are legal: the hand-written base declares the legal overloads. */
  | { kind: 'partial' };

export function refusalIn(spec: MemberSpec, state: RefusedState): Refusal {
  const shapes = shapesOf(spec);
  const refused = shapes.filter((shape) => violationOf(spec, state, shape) !== undefined);
  if (refused.length === 0) return { kind: 'none' };
  if (spec.kind === 'property') return { kind: 'property' };
  if (refused.length < shapes.length) {
    const withData = shapes.filter((shape) => shape.hasData);
    const exactlyData = refused.length === withData.length && refused.every((shape) => shape.hasData);
    return exactlyData ? { kind: 'dataOnly' } : { kind: 'partial' };
  }
  const messages = new Set(shapes.map((shape) => refusalMessage(spec, shape)));
  return messages.size === 1 ? { kind: 'whole' } : { kind: 'byData' };
}

/** The effects whose members the hand-written state types re-declare (transitions and head mutations). */
export const MANAGED_EFFECTS = ['mutateHead', 'commitHead', 'writeBody', 'finish', 'abort'] as const;

type Flavor = 'state' | 'chain';
interface Target {
  framework: 'node' | 'express';
  state: RefusedState;
  flavor: Flavor;
  name: string;
  base: string;
  params: string;
}

const EXPRESS_PARAMS = '<Body = any, Locals extends LocalsObject = LocalsObject>';
const TARGETS: readonly Target[] = [
  { framework: 'node', state: 'sent', flavor: 'state', name: 'NodeSentRes', base: 'NodeSentBase', params: '' },
  { framework: 'node', state: 'ended', flavor: 'state', name: 'NodeEndedRes', base: 'NodeSentRes', params: '' },
  { framework: 'node', state: 'sent', flavor: 'chain', name: 'NodeChainSent', base: 'NodeChainRes', params: '' },
  { framework: 'node', state: 'ended', flavor: 'chain', name: 'NodeChainEnded', base: 'NodeChainSent', params: '' },
  { framework: 'express', state: 'sent', flavor: 'state', name: 'SentRes', base: 'SentBase', params: EXPRESS_PARAMS },
  { framework: 'express', state: 'ended', flavor: 'state', name: 'EndedRes', base: 'SentRes', params: EXPRESS_PARAMS },
  { framework: 'express', state: 'sent', flavor: 'chain', name: 'ChainSent', base: 'ChainRes', params: EXPRESS_PARAMS },
  { framework: 'express', state: 'ended', flavor: 'chain', name: 'ChainEnded', base: 'ChainSent', params: EXPRESS_PARAMS },
];

const appliesTo = (spec: MemberSpec, framework: Target['framework']): boolean =>
  framework === 'express' || spec.framework === 'node';

/** The declared methods of a framework whose effect the hand-written state types re-declare, as a union of literals. */
function managedUnion(declared: readonly MemberSpec[], framework: Target['framework']): string {
  const names = declared
    .filter((spec) => appliesTo(spec, framework) && spec.kind === 'method' && (MANAGED_EFFECTS as readonly string[]).includes(spec.effect))
    .map((spec) => `'${spec.name}'`);
  return names.length ? names.join(' | ') : 'never';
}


function memberLines(spec: MemberSpec, target: Target): string[] {
  const refusal = refusalIn(spec, target.state);
  // The ended types extend the sent ones: an identical refusal is inherited, not repeated.
  if (target.state === 'ended' && refusal.kind !== 'partial' && refusalIn(spec, 'sent').kind === refusal.kind) return [];
  // `any`, not `never`: a never-returning call would make the rest of the handler unreachable, hiding later errors.
  const ret = 'any';
  // The text itself, not `MisuseMessages[key]`: an editor's hover on the refused call shows the
  // signature as written, so the reader sees the message there too, not an indexed access type.
  const msg = (shape: ArgumentShape) => JSON.stringify(refusalMessage(spec, shape));
  switch (refusal.kind) {
    case 'none':
    case 'partial':
      return [];
    case 'property':
      // Chains never assign properties; only the state types turn the setter into a message.
      if (target.flavor === 'chain') return [];
      return [
        `  get ${spec.name}(): http.ServerResponse[${JSON.stringify(spec.name)}];`,
        `  set ${spec.name}(value: ${msg(ARGUMENT_SHAPES[0])});`,
      ];
    case 'whole':
      return [`  ${spec.name}(this: ${msg(ARGUMENT_SHAPES[0])}, ...args: any[]): ${ret};`];
    case 'byData':
      return [
        `  ${spec.name}<A extends any[]>(this: ByData<A, ${msg(ARGUMENT_SHAPES[0])}, ${msg(ARGUMENT_SHAPES[1])}>, ...args: A): ${ret};`,
      ];
    case 'dataOnly':
      // `this: unknown` accepts every receiver: the shapes without data compile.
      return [`  ${spec.name}<A extends any[]>(this: ByData<A, unknown, ${msg(ARGUMENT_SHAPES[1])}>, ...args: A): ${ret};`];
  }
}

/** The state and the ones after it: what a value of a state type may be in by now. */
function laterStates(state: LifecycleState): string {
  return STATES.slice(STATES.indexOf(state))
    .map((s) => `'${s}'`)
    .join(' | ');
}

function quoteKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/u.test(key) ? key : JSON.stringify(key);
}

export function renderTypeModel(declared: ReadonlySet<string> = declaredMembers()): string {
  const typed = MEMBERS.filter((spec) => declared.has(spec.name));
  const undeclared = MEMBERS.filter((spec) => !declared.has(spec.name)).map((spec) => `'${spec.name}'`);
  const out: string[] = [
    '// Generated from src/lifecycle by `npm run generate:types` (scripts/type-model.ts). Do not edit:',
    '// tests/types/generated.test.ts fails when this file no longer matches the model.',
    '/* eslint-disable @typescript-eslint/no-explicit-any -- refused methods accept any arguments */',
    "import type * as http from 'node:http';",
    "import type { ByData } from '../arguments.js';",
    "import type { lifecycleState } from '../members.js';",
    "import type { ChainRes, LocalsObject, SentBase } from '../express.js';",
    "import type { NodeChainRes, NodeSentBase } from '../node.js';",
    '',
    '/** Every member the model classifies (src/lifecycle/members.ts), with its framework and effect. */',
    'export interface LifecycleMembers {',
    ...MEMBERS.map(
      (spec) =>
        `  readonly ${spec.name}: { readonly framework: '${spec.framework}'; readonly kind: '${spec.kind}'; readonly effect: '${spec.effect}' };`,
    ),
    '}',
    '',
    '/** Members the model classifies that @types/node and @types/express do not declare: left undeclared. */',
    `export type UndeclaredMembers = ${undeclared.length ? undeclared.join(' | ') : 'never'};`,
    '',
    // Spelled out rather than computed from LifecycleMembers by a mapped conditional type: every
    // program that imports the typings paid ~750 type instantiations to evaluate that one.
    `/** The members the hand-written state types re-declare: the declared methods with effect ${MANAGED_EFFECTS.join(', ')}. */`,
    'export interface ManagedMembersOf {',
    `  readonly node: ${managedUnion(typed, 'node')};`,
    `  readonly express: ${managedUnion(typed, 'express')};`,
    '}',
    'export type ManagedMembers<Framework extends keyof ManagedMembersOf> = ManagedMembersOf[Framework];',
    '',
    '/** The compile error of each refused call: what went wrong and what to do. */',
    'export interface MisuseMessages {',
  ];
  for (const spec of typed) {
    for (const shape of shapesOf(spec)) {
      const message = refusalMessage(spec, shape);
      if (message && !shape.hasCallback) out.push(`  readonly ${quoteKey(messageKey(spec, shape))}: ${JSON.stringify(message)};`);
    }
  }
  out.push('}', '');
  const partial = typed.flatMap((spec) =>
    REFUSED_STATES.filter((state) => refusalIn(spec, state).kind === 'partial').map((state) => `${state}:${spec.name}`),
  );
  out.push(
    '/** Calls refused only for some argument shapes; the hand-written bases declare their overloads. */',
    `export type PartialRefusals = ${partial.length ? partial.map((p) => JSON.stringify(p)).join(' | ') : 'never'};`,
    '',
  );
  for (const target of TARGETS) {
    const lines = typed.filter((spec) => appliesTo(spec, target.framework)).flatMap((spec) => memberLines(spec, target));
    const args = target.params ? '<Body, Locals>' : '';
    out.push(
      `/** ${target.framework === 'node' ? 'node:http' : 'Express'} ${target.flavor === 'state' ? 'response' : 'chain handle'}: ${target.state}. */`,
      `export interface ${target.name}${target.params} extends ${target.base}${args} {`,
      ...(target.flavor === 'state' ? [`  readonly [lifecycleState]: ${laterStates(target.state)};`] : []),
      ...lines,
      '}',
      '',
    );
  }
  return out.join('\n');
}
