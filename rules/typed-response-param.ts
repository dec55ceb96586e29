import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { exportedHandlerFramework } from '../src/analysis/exported-handler.js';
import { handlerInfo, registrationOf, type FunctionNode } from '../src/analysis/handlers.js';
import { MESSAGES, SUGGESTION_MESSAGES } from '../src/lifecycle/index.js';
import { OPEN_RESPONSE_TYPE, REGISTRATION_HELPER, TYPES_MODULE, TYPE_STATE_TYPES } from '../src/type-state-names.js';
import { createRule } from '../src/util/create-rule.js';

type Options = [{ typesModules?: string[]; exportedHandlers?: boolean; fix?: boolean }];
type MessageIds = 'untypedResponse' | 'redeclaredLocals' | 'requiredMember' | 'annotateResponse' | 'annotateResponseAndReturn';
type Framework = keyof typeof OPEN_RESPONSE_TYPE;

const TS_FILE = /\.[cm]?tsx?$/u;

function findVariable(name: string, scope: TSESLint.Scope.Scope | null): TSESLint.Scope.Variable | undefined {
  for (let current = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/** The import a local name comes from: `{ source, imported }`, `imported` = `*` for a namespace, `default` for a default import. */
function importOf(name: string, scope: TSESLint.Scope.Scope): { source: string; imported: string } | undefined {
  const def = findVariable(name, scope)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const source = def.parent.source.value;
  const node = def.node;
  if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
  if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
  if (node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
  const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
  return { source, imported };
}

/** The framework response types a handler may be declared to return: `[module pattern, type name]`. */
const FRAMEWORK_RESPONSES: readonly (readonly [RegExp, string])[] = [
  [/^(?:express|express-serve-static-core)$/u, 'Response'],
  [/^(?:node:)?https?$/u, 'ServerResponse'],
];

/**
 * Where a type name comes from: `{ source, name }` for `Name` imported by name, or `ns.Name` with
 * `ns` a namespace or default import (`express.Response`, `http.ServerResponse`).
 */
function importedType(typeName: TSESTree.EntityName, scope: TSESLint.Scope.Scope): { source: string; name: string } | undefined {
  const [local, member] =
    typeName.type === AST_NODE_TYPES.Identifier
      ? [typeName.name, undefined]
      : typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.left.type === AST_NODE_TYPES.Identifier
        ? [typeName.left.name, typeName.right.name]
        : [undefined, undefined];
  const origin = local === undefined ? undefined : importOf(local, scope);
  if (!origin) return undefined;
  if (member === undefined) return { source: origin.source, name: origin.imported };
  return origin.imported === '*' || origin.imported === 'default' ? { source: origin.source, name: member } : undefined;
}

const EXPRESS_HANDLER_TYPES: ReadonlySet<string> = new Set(['RequestHandler', 'ErrorRequestHandler']);
const EXPRESS_REQUEST_TYPES: ReadonlySet<string> = new Set(['Request']);
const EXPRESS_RESPONSE_TYPES: ReadonlySet<string> = new Set(['Response']);

/** `Response` (imported from express) or `express.Response` / `http.ServerResponse`. */
function isFrameworkResponse(node: TSESTree.TypeNode, scope: TSESLint.Scope.Scope): boolean {
  if (node.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const found = importedType(node.typeName, scope);
  return found !== undefined && FRAMEWORK_RESPONSES.some(([module, type]) => module.test(found.source) && found.name === type);
}

/** The type mentions a framework response (`Response`, `Promise<Response>`, `Response | undefined`). */
function mentionsFrameworkResponse(node: TSESTree.TypeNode, scope: TSESLint.Scope.Scope): boolean {
  if (isFrameworkResponse(node, scope)) return true;
  if (node.type === AST_NODE_TYPES.TSTypeReference) return node.typeArguments?.params.some((p) => mentionsFrameworkResponse(p, scope)) ?? false;
  if (node.type === AST_NODE_TYPES.TSUnionType || node.type === AST_NODE_TYPES.TSIntersectionType) {
    return node.types.some((t) => mentionsFrameworkResponse(t, scope));
  }
  return false;
}

/**
 * What a handler declared to return a framework response must return once `res` is annotated:
 * an answer on the type-state types is `void` (an assertion) or a chain handle, so
 * `(req, res: Res): Promise<Response> => { return res.json(x) }` is error TS2322. `unknown` /
 * `Promise<unknown>` accepts both (docs/types.md, "Return types"); `undefined` when nothing to change.
 */
function returnTypeRewrite(fn: FunctionNode, scope: TSESLint.Scope.Scope): { node: TSESTree.TypeNode; text: string } | undefined {
  const declared = fn.returnType?.typeAnnotation;
  if (!declared || !mentionsFrameworkResponse(declared, scope)) return undefined;
  const isPromise =
    declared.type === AST_NODE_TYPES.TSTypeReference && declared.typeName.type === AST_NODE_TYPES.Identifier && declared.typeName.name === 'Promise';
  return { node: declared, text: isPromise ? 'Promise<unknown>' : 'unknown' };
}

export default createRule<Options, MessageIds>({
  name: 'typed-response-param',
  meta: {
    type: 'suggestion',
    docs: {
      description: "Require registered handlers' response parameter to be annotated with a type-state type",
      recommended: 'strict',
    },
    hasSuggestions: true,
    // Only with the `fix` option: the annotation is a suggestion otherwise (docs: adopting in one command).
    fixable: 'code',
    messages: {
      untypedResponse: MESSAGES['typed-response-param'].untypedResponse,
      redeclaredLocals: MESSAGES['typed-response-param'].redeclaredLocals,
      requiredMember: MESSAGES['typed-response-param'].requiredMember,
      annotateResponse: SUGGESTION_MESSAGES.annotateResponse,
      annotateResponseAndReturn: SUGGESTION_MESSAGES.annotateResponseAndReturn,
    },
    schema: [
      {
        type: 'object',
        properties: {
          typesModules: {
            type: 'array',
            items: { type: 'string' },
            description: `Modules whose \`Res\`/\`NodeRes\`/… exports count as the type-state types (for an app that re-exports them). The first one is used by the suggestion. Default: \`['${TYPES_MODULE}']\`.`,
          },
          exportedHandlers: {
            type: 'boolean',
            description:
              'Also report exported functions shaped like a handler (`(req, res[, next])`, `(err, req, res, next)`, as a function, a `const`, or a method of an exported controller object or class) whose response parameter is used like a response, wherever they are registered.',
          },
          fix: {
            type: 'boolean',
            description: 'Make the annotation an automatic fix (`eslint --fix`), not only a suggestion: for annotating a codebase in one run.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ typesModules: [TYPES_MODULE], exportedHandlers: false, fix: false }],
  },
  create(context, [{ typesModules = [TYPES_MODULE], exportedHandlers = false, fix: autoFix = false }]) {
    if (!TS_FILE.test(context.filename)) return {};
    const sourceCode = context.sourceCode;
    const modules = new Set(typesModules);
    const preferredModule = typesModules[0] ?? TYPES_MODULE;
    /** With the `fix` option: the types whose import an earlier report's fix adds. */
    const importsPlanned = new Set<string>();

    /**
     * How a function or a reference to it is registered, when `node` is an argument of the call:
     * `app.get(path, node)`, `http.createServer(node)`, `typed(node)`.
     */
    function registrationAt(node: TSESTree.Node): Framework | undefined {
      // registrationOf reads only the argument's position in its call, so it serves an identifier too.
      const registration = registrationOf(node as FunctionNode);
      if (registration === 'server') return 'node';
      if (registration === 'registered') return 'express';
      // `typed((req, res: Res) => ...)`: the package's registration helper.
      const call = node.parent;
      if (
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee.type === AST_NODE_TYPES.Identifier &&
        call.arguments.includes(node as TSESTree.CallExpressionArgument)
      ) {
        const origin = importOf(call.callee.name, sourceCode.getScope(call));
        if (origin && modules.has(origin.source) && origin.imported === REGISTRATION_HELPER) return 'express';
      }
      return undefined;
    }

    /** Which response a function receives, if it is registered inline or by name in this file. */
    function frameworkOf(fn: FunctionNode): { framework: Framework; byName: boolean } | undefined {
      const inline = registrationAt(fn);
      if (inline) return { framework: inline, byName: false };
      // `function getUser(req, res) {}` / `const getUser = (req, res) => {}` … `app.get('/u', getUser)`
      const name =
        fn.type === AST_NODE_TYPES.FunctionDeclaration
          ? fn.id
          : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier
            ? fn.parent.id
            : null;
      // Opt-in: any exported function shaped and used like a handler (src/analysis/exported-handler.ts).
      const exported = exportedHandlers ? exportedHandlerFramework(fn, sourceCode) : undefined;
      if (!name) return exported ? { framework: exported, byName: true } : undefined;
      const variable = findVariable(name.name, sourceCode.getScope(fn));
      for (const reference of variable?.references ?? []) {
        const framework = registrationAt(reference.identifier);
        if (framework) return { framework, byName: true };
      }
      // Registered in another module: a controller typed as one (`const getUser: RequestHandler = …`),
      // or whose request and response are annotated with Express's types (`(req: Request, res: Response)`).
      const scope = sourceCode.getScope(fn);
      if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id === name) {
        const declared = name.typeAnnotation?.typeAnnotation;
        if (declared?.type === AST_NODE_TYPES.TSTypeReference && isExpressType(declared.typeName, scope, EXPRESS_HANDLER_TYPES)) {
          return { framework: 'express', byName: true };
        }
      }
      const index = fn.params.length === 4 ? 2 : 1;
      const [request, response] = [fn.params[index - 1], fn.params[index]].map((p) => (p?.type === AST_NODE_TYPES.Identifier ? p.typeAnnotation?.typeAnnotation : undefined));
      const isExpress = (t: TSESTree.TypeNode | undefined, names: ReadonlySet<string>) =>
        t?.type === AST_NODE_TYPES.TSTypeReference && isExpressType(t.typeName, scope, names);
      if (isExpress(request, EXPRESS_REQUEST_TYPES) && isExpress(response, EXPRESS_RESPONSE_TYPES)) return { framework: 'express', byName: true };
      return exported ? { framework: exported, byName: true } : undefined;
    }

    /** A type from express / express-serve-static-core named one of `names` (`Response`, `express.RequestHandler`). */
    function isExpressType(typeName: TSESTree.EntityName, scope: TSESLint.Scope.Scope, names: ReadonlySet<string>): boolean {
      const found = importedType(typeName, scope);
      return found !== undefined && FRAMEWORK_RESPONSES[0]![0].test(found.source) && names.has(found.name);
    }

    /** `Res`, `T.Res` (type position) or `T.Res` (an interface's `extends`): one of the state types from a types module. */
    function typeStateName(name: TSESTree.Node, scope: TSESLint.Scope.Scope): string | undefined {
      if (name.type === AST_NODE_TYPES.Identifier) {
        const origin = importOf(name.name, scope);
        return origin !== undefined && modules.has(origin.source) && TYPE_STATE_TYPES.has(origin.imported) ? origin.imported : undefined;
      }
      // `T.Res` with `import type * as T from '…/types'`
      const [left, right] =
        name.type === AST_NODE_TYPES.TSQualifiedName
          ? [name.left, name.right.name]
          : name.type === AST_NODE_TYPES.MemberExpression && name.property.type === AST_NODE_TYPES.Identifier
            ? [name.object, name.property.name]
            : [undefined, undefined];
      if (left?.type !== AST_NODE_TYPES.Identifier || right === undefined) return undefined;
      const origin = importOf(left.name, scope);
      return origin?.imported === '*' && modules.has(origin.source) && TYPE_STATE_TYPES.has(right) ? right : undefined;
    }

    function isTypeStateAnnotation(param: TSESTree.Identifier, scope: TSESLint.Scope.Scope): boolean {
      const annotation = param.typeAnnotation?.typeAnnotation;
      return annotation?.type === AST_NODE_TYPES.TSTypeReference && typeStateName(annotation.typeName, scope) !== undefined;
    }

    /** How the suggestion spells the type, and the import edit it needs (null: none; undefined: cannot). */
    function typeReference(
      wanted: string,
      scope: TSESLint.Scope.Scope,
    ): { text: string; importFix: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null } | undefined {
      const imports = sourceCode.ast.body.filter((s): s is TSESTree.ImportDeclaration => s.type === AST_NODE_TYPES.ImportDeclaration);
      const fromTypes = imports.filter((i) => modules.has(i.source.value));
      for (const declaration of fromTypes) {
        for (const specifier of declaration.specifiers) {
          if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { text: `${specifier.local.name}.${wanted}`, importFix: null };
          if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
          const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
          if (imported === wanted) return { text: specifier.local.name, importFix: null };
        }
      }
      // The name would be new in this file: it must not clash with an existing binding.
      if (findVariable(wanted, scope) !== undefined) return undefined;
      const named = fromTypes.find(
        (d) => d.specifiers.length > 0 && d.specifiers.every((s) => s.type === AST_NODE_TYPES.ImportSpecifier),
      );
      if (named) {
        const last = named.specifiers[named.specifiers.length - 1]!;
        const spelled = named.importKind === 'type' ? wanted : `type ${wanted}`;
        return { text: wanted, importFix: (fixer) => fixer.insertTextAfter(last, `, ${spelled}`) };
      }
      const line = `import type { ${wanted} } from '${preferredModule}';`;
      const lastImport = imports[imports.length - 1];
      return {
        text: wanted,
        importFix: (fixer) =>
          lastImport ? fixer.insertTextAfter(lastImport, `\n${line}`) : fixer.insertTextBeforeRange([0, 0], `${line}\n`),
      };
    }

    function responsePosition(fn: FunctionNode): TSESTree.Identifier | undefined {
      const param = fn.params[fn.params.length === 4 ? 2 : 1];
      return param?.type === AST_NODE_TYPES.Identifier ? param : undefined;
    }

    function check(fn: FunctionNode): void {
      const registered = frameworkOf(fn);
      if (registered === undefined) return;
      const { framework } = registered;
      // Registered by name, the function itself does not show the registration: without the
      // conventional names, fall back to the position Express and node:http pass the response in.
      const info = handlerInfo(fn, { sourceCode, types: undefined });
      const param = info ? info.response : registered.byName ? responsePosition(fn) : undefined;
      if (!param) return;
      const scope = sourceCode.getScope(fn);
      if (isTypeStateAnnotation(param, scope)) return;
      const wanted = OPEN_RESPONSE_TYPE[framework];
      const reference = typeReference(wanted, scope);
      const data = { name: param.name, type: wanted, module: preferredModule };
      const returns = returnTypeRewrite(fn, scope);
      const annotateWith = (withImport: boolean) => (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        const annotation = param.typeAnnotation;
        const fixes = [
          annotation ? fixer.replaceText(annotation.typeAnnotation, reference!.text) : fixer.insertTextAfter(param, `: ${reference!.text}`),
        ];
        if (returns) fixes.push(fixer.replaceText(returns.node, returns.text));
        if (withImport && reference!.importFix) fixes.push(reference!.importFix(fixer));
        return fixes;
      };
      const annotate = reference ? annotateWith(true) : undefined;
      // `eslint --fix` merges a report's edits into one range, from the import to the parameter: if
      // every report added the import, they would all overlap and one handler per pass would be
      // annotated. The first report of a type adds the import, the later ones only annotate.
      const importAdded = reference?.importFix != null && importsPlanned.has(wanted);
      if (reference?.importFix) importsPlanned.add(wanted);
      context.report({
        node: param,
        messageId: 'untypedResponse',
        data,
        fix: autoFix && reference ? annotateWith(!importAdded) : null,
        suggest: annotate
          ? [
              {
                ...(returns
                  ? { messageId: 'annotateResponseAndReturn' as const, data: { ...data, returns: returns.text } }
                  : { messageId: 'annotateResponse' as const, data }),
                fix: annotate,
              },
            ]
          : [],
      });
    }

    /**
     * An app type built on a state type that TypeScript can no longer narrow: a required member
     * the later states lack (or `locals` re-declared) makes `EndedRes` not assignable to it, so an
     * assertion narrows to an intersection in which the app type's open overloads come first, and
     * `res.json(a); res.json(b)` compiles (tests/types/cases/limits.ts, 8).
     */
    function checkMembers(typeName: string, base: string, members: readonly TSESTree.TypeElement[]): void {
      for (const member of members) {
        if (member.type !== AST_NODE_TYPES.TSPropertySignature && member.type !== AST_NODE_TYPES.TSMethodSignature) continue;
        const key = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
        if (key === undefined) continue;
        // node:http responses have no `locals`: there it is an added member like any other.
        if (key === 'locals' && !base.startsWith('Node')) {
          context.report({ node: member.key, messageId: 'redeclaredLocals', data: { typeName, base } });
        } else if (!member.optional) {
          context.report({ node: member.key, messageId: 'requiredMember', data: { typeName, base, member: key } });
        }
      }
    }

    return {
      ArrowFunctionExpression: check,
      FunctionDeclaration: check,
      FunctionExpression: check,
      TSInterfaceDeclaration(node) {
        const scope = sourceCode.getScope(node);
        const base = node.extends.map((heritage) => typeStateName(heritage.expression, scope)).find((name) => name !== undefined);
        if (base) checkMembers(node.id.name, base, node.body.body);
      },
      // `type AppRes = Res<B> & { requestId: string }`
      TSTypeAliasDeclaration(node) {
        if (node.typeAnnotation.type !== AST_NODE_TYPES.TSIntersectionType) return;
        const scope = sourceCode.getScope(node);
        const parts = node.typeAnnotation.types;
        const base = parts
          .map((part) => (part.type === AST_NODE_TYPES.TSTypeReference ? typeStateName(part.typeName, scope) : undefined))
          .find((name) => name !== undefined);
        if (!base) return;
        for (const part of parts) if (part.type === AST_NODE_TYPES.TSTypeLiteral) checkMembers(node.id.name, base, part.members);
      },
    };
  },
});
