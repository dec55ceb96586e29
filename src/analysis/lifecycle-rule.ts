/**
 * What the three state rules (no-double-send, no-header-after-send, no-write-after-end) share:
 * their options, and reporting the analysis' violations for one rule id with its suggestion:
 * `addReturn` for a double send; for a late header or chunk, moving it before the send or the
 * `end()` (a `return` there would make it unreachable and hide the bug). Each rule file stays a
 * thin declaration of its meta.
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { MESSAGES, SUGGESTION_MESSAGES } from '../lifecycle/index.js';
import { createRule } from '../util/create-rule.js';
import { subscribeToAnalysis } from './index.js';
import { moveBeforeFix } from './move-before.js';
import type { Violation, ViolationOrigin } from './solve.js';
import type { Origin } from './state.js';

export interface LifecycleRuleOptions {
  finishingHelpers: string[];
  definiteOnly: boolean;
  /** no-double-send only: a bare `next()` after a finish is not reported (see `isAllowedNext`). */
  allowNextAfterFinish?: boolean;
  /** no-header-after-send only: Express error middleware starts with the head maybe sent (./start-states.ts). */
  errorHandlersMaybeSent?: boolean;
}

/** Options one state rule adds to the shared ones: their schemas and defaults. */
export interface ExtraOptions {
  readonly properties: Record<string, JSONSchema4>;
  readonly defaults: Partial<LifecycleRuleOptions>;
}

export const LIFECYCLE_RULE_DEFAULTS: [LifecycleRuleOptions] = [{ finishingHelpers: [], definiteOnly: false }];

/** The `finishingHelpers` option, shared by every rule on the analysis (require-end too). */
export const FINISHING_HELPERS_SCHEMA: JSONSchema4 = {
  type: 'array',
  items: { type: 'string' },
  uniqueItems: true,
  description: 'Names of your own functions (`sendError(res, …)`) or response methods (`res.sendError(…)`) that finish the response.',
};

/** The options schema of a state rule: the shared options plus its own (`extra`); unknown keys are refused. */
export function lifecycleRuleSchema(extra: Record<string, JSONSchema4> = {}): JSONSchema4[] {
  return [
    {
      type: 'object',
      properties: {
        finishingHelpers: FINISHING_HELPERS_SCHEMA,
        definiteOnly: {
          type: 'boolean',
          description: 'Report only violations that happen on every path, not those that happen only on some ("may").',
        },
        ...extra,
      },
      additionalProperties: false,
    },
  ];
}

type StateRuleId = 'no-double-send' | 'no-header-after-send' | 'no-write-after-end';

/** Each state rule's one suggestion. */
const SUGGESTION_OF = {
  'no-double-send': 'addReturn',
  'no-header-after-send': 'moveBeforeSend',
  'no-write-after-end': 'moveBeforeEnd',
} as const satisfies Record<StateRuleId, keyof typeof SUGGESTION_MESSAGES>;

/** `meta.messages` of a state rule: its lifecycle messages plus its suggestion's. */
export function lifecycleMessages(ruleId: StateRuleId): Record<string, string> {
  const suggestion = SUGGESTION_OF[ruleId];
  return { ...MESSAGES[ruleId], [suggestion]: SUGGESTION_MESSAGES[suggestion] };
}

/** The suggestion for one violation, if a safe one exists. */
function suggestionsFor(
  ruleId: StateRuleId,
  sourceCode: Readonly<TSESLint.SourceCode>,
  violation: Violation,
  line: number,
): TSESLint.SuggestionReportDescriptor<string>[] {
  if (ruleId === 'no-double-send') {
    const statement = violation.suggestReturnAt;
    if (!statement) return [];
    return [{ messageId: 'addReturn', data: { line }, fix: (fixer) => fixer.insertTextBefore(statement.expression, 'return ') }];
  }
  const fix = moveBeforeFix(sourceCode, violation);
  return fix ? [{ messageId: SUGGESTION_OF[ruleId], data: { first: violation.first.display, line }, fix }] : [];
}

/** The `create` of a state rule: report the shared analysis' violations that belong to `ruleId`. */
export function reportLifecycleViolations(
  ruleId: StateRuleId,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: LifecycleRuleOptions,
): TSESLint.RuleListener {
  const analysisOptions = { finishingHelpers: options.finishingHelpers, errorHandlersMaybeSent: options.errorHandlersMaybeSent === true };
  return subscribeToAnalysis(context, analysisOptions, (file) => {
    const violations = file.functions.flatMap((fn) =>
      fn.violations.filter(
        (violation) =>
          violation.rule === ruleId &&
          (!options.definiteOnly || violation.definite) &&
          !(options.allowNextAfterFinish && isBareNextAfterFinish(violation)),
      ),
    );
    for (const violation of onePerOrigin(violations)) {
      const line = violation.first.node.loc.start.line;
      context.report({
        node: violation.node,
        messageId: violation.messageId,
        data: { operation: violation.operation, first: violation.first.display, where: `on line ${line}` },
        suggest: suggestionsFor(ruleId, context.sourceCode, violation, line),
      });
    }
  });
}

/**
 * One defect, one report. A defect is an earlier operation that lacks its `return` (an origin):
 * `catch (e) { next(e) }` followed by seven sends on different branches is one bug, not seven.
 * Each origin is reported once, at the first violation in source order that it is behind, and the
 * report names it (its `addReturn` suggestion puts the `return` there). A violation whose origins
 * were all reported already is dropped; one with an origin of its own is kept and names that one
 * (`if (err) res.send(err)` twice, then `res.json()`: the second send is the first origin's report,
 * the `res.json()` the second's). Across functions too: a callback's send after its creator's
 * `next(err)` is in that `next(err)`'s group.
 *
 * 'maybe' and 'definite' in one group: the first in source order is kept whichever it is. It is
 * where the defect first shows on a reader's way through the handler, the place of the report must
 * not move to a later line because a later branch is more certain, and the message names the
 * origin either way. With `definiteOnly` the 'maybe' ones were filtered out before grouping, so a
 * definite violation is never hidden behind a 'maybe' one the user asked not to see.
 */
function onePerOrigin(violations: readonly Violation[]): Violation[] {
  const bySource = (a: TSESTree.Node, b: TSESTree.Node): number => a.range[0] - b.range[0];
  const reported = new Set<TSESTree.Node>();
  const out: Violation[] = [];
  for (const violation of [...violations].sort((a, b) => bySource(a.node, b.node))) {
    // An operation that is its own origin runs again (a loop, a `forEach` callback): that report
    // can offer no `return` (it would go before the operation itself), so it leaves its origin's
    // group open for the next later operation, whose report names the origin and offers it.
    const repeat = (origin: Origin): boolean => origin.node === violation.node;
    const own = violation.origins.filter(({ origin }) => repeat(origin) || !reported.has(origin.node));
    if (own.length === 0) continue;
    for (const { origin } of own) if (!repeat(origin)) reported.add(origin.node);
    const [named] = own.sort((a, b) => bySource(a.origin.node, b.origin.node)) as [ViolationOrigin];
    out.push(named.origin === violation.first ? violation : { ...violation, first: named.origin, suggestReturnAt: named.suggestReturnAt });
  }
  return out;
}

/**
 * `next()` with no argument after the response finished: what `allowNextAfterFinish` allows, for
 * apps whose later middleware checks `res.headersSent` (access logs, timing). `next(err)` is never
 * allowed: Express's final handler destroys the socket when headers were sent.
 */
function isBareNextAfterFinish(violation: Violation): boolean {
  const passesOn = violation.messageId === 'nextAfterFinish' || violation.messageId === 'nextMayBeAfterFinish';
  return passesOn && violation.node.type === AST_NODE_TYPES.CallExpression && violation.node.arguments.length === 0;
}

/** A state rule: the shared options, messages and suggestion; `description` is its one line of docs. */
export function createLifecycleRule<R extends StateRuleId>(ruleId: R, description: string, extra?: ExtraOptions) {
  return createRule<[LifecycleRuleOptions], string>({
    name: ruleId,
    meta: {
      type: 'problem',
      docs: { description, recommended: 'recommended' },
      hasSuggestions: true,
      schema: lifecycleRuleSchema(extra?.properties),
      defaultOptions: [{ ...LIFECYCLE_RULE_DEFAULTS[0], ...extra?.defaults }],
      messages: lifecycleMessages(ruleId),
    },
    create: (context, [options]) => reportLifecycleViolations(ruleId, context, options),
  });
}
