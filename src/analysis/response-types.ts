/**
 * The typed half of response recognition: with a TypeScript program, a value is a response when
 * its type is or extends `http.ServerResponse` (Express's `Response` extends it through
 * `express-serve-static-core`) or `http2.Http2ServerResponse`, or is built on this package's
 * type-state types (`Res`, `SentRes`, `NodeRes`, ...; see ./package-types.ts). Base types are
 * walked by hand: typescript-eslint's type specifiers do not follow `extends`.
 *
 * TypeScript is an optional peer dependency, so it is loaded lazily, and only when the parser
 * services carry a program (which means TypeScript is installed).
 */
import { createRequire } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { isTypeStateDeclaration } from './package-types.js';

export interface TypeServices {
  readonly checker: ts.TypeChecker;
  readonly ts: typeof ts;
  readonly toTsNode: (node: TSESTree.Node) => ts.Node | undefined;
}

const requireFromHere = createRequire(import.meta.url);

/** Type services when the file was parsed with a program; `undefined` for plain JS or TS without a project. */
export function typeServicesOf(sourceCode: Readonly<TSESLint.SourceCode>): TypeServices | undefined {
  const services = sourceCode.parserServices;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return undefined;
  const typescript = requireFromHere('typescript') as typeof ts;
  let checker: ts.TypeChecker | undefined;
  return {
    // Created on the first question: a lint run whose other rules never ask for types has no
    // checker until then (creating one binds the whole program).
    get checker() {
      checker ??= program.getTypeChecker();
      return checker;
    },
    ts: typescript,
    toTsNode: (node) => map.get(node as never) as ts.Node | undefined,
  };
}

const RESPONSE_CLASS_NAMES = new Set(['ServerResponse', 'Http2ServerResponse']);

/** Declared by Node's typings (`@types/node`, `declare module "http"`), not a user class that happens to share the name. */
function isNodeDeclaration(symbol: ts.Symbol, typescript: typeof ts): boolean {
  return (symbol.declarations ?? []).some((declaration) => {
    const file = declaration.getSourceFile().fileName;
    if (/[\\/]@types[\\/]node[\\/]/u.test(file)) return true;
    for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
      if (typescript.isModuleDeclaration(node) && /^(?:node:)?(?:http|http2)$/u.test(node.name.text)) return true;
    }
    return false;
  });
}

/** The type is, or extends, `http.ServerResponse`. Unions count when every non-nullish member does. */
export function isServerResponseType(type: ts.Type, services: TypeServices): boolean {
  return check(type, services, new Set());
}

function check(type: ts.Type, services: TypeServices, seen: Set<ts.Type>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  const { ts: typescript, checker } = services;
  if (type.isUnion()) {
    const members = type.types.filter(
      (member) => (member.flags & (typescript.TypeFlags.Null | typescript.TypeFlags.Undefined)) === 0,
    );
    return members.length > 0 && members.every((member) => check(member, services, seen));
  }
  if (type.isIntersection()) return type.types.some((member) => check(member, services, seen));
  if ((type.flags & typescript.TypeFlags.TypeParameter) !== 0) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint !== undefined && constraint !== type && check(constraint, services, seen);
  }
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (symbol && RESPONSE_CLASS_NAMES.has(symbol.getName()) && isNodeDeclaration(symbol, typescript)) return true;
  // `Res` is built from `Omit<express.Response, ...>`, a mapped type with no base to walk: the
  // state types are recognised by their declaration, and so is anything that extends or
  // instantiates them (`interface AppRes extends Res<Body>`, `type ApiRes = Res<X>`, the `res`
  // of a `Handler`-typed value or a `typed(...)` callback).
  if (symbol && isTypeStateDeclaration(symbol)) return true;
  const target = (type as ts.TypeReference).target ?? type;
  if (target.isClassOrInterface()) {
    for (const base of checker.getBaseTypes(target)) if (check(base, services, seen)) return true;
  }
  return false;
}

/** Nothing to learn from this type (`any`, `unknown`, an error type). */
function isUninformative(type: ts.Type, typescript: typeof ts): boolean {
  return (type.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown)) !== 0;
}

/**
 * What the type of `node` says: `'response'`, `'other'`, or `undefined` when the type is
 * `any`/`unknown` (then the syntactic heuristics decide).
 */
export function typeVerdictOf(node: TSESTree.Node, services: TypeServices): 'response' | 'other' | undefined {
  const cached = verdicts.get(node);
  if (cached !== undefined) return cached ?? undefined;
  const verdict = computeVerdict(node, services);
  verdicts.set(node, verdict ?? null);
  return verdict;
}

/** Per node: handler detection, the conventional veto and the solver may all ask about one parameter. */
const verdicts = new WeakMap<TSESTree.Node, 'response' | 'other' | null>();

function computeVerdict(node: TSESTree.Node, services: TypeServices): 'response' | 'other' | undefined {
  const tsNode = services.toTsNode(node);
  if (!tsNode) return undefined;
  const type = services.checker.getTypeAtLocation(tsNode);
  if (isUninformative(type, services.ts)) return undefined;
  return isServerResponseType(type, services) ? 'response' : 'other';
}
