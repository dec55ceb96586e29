/**
 * Handlers a module exports for another module to register: `export function getUser(req, res)`,
 * `export const getUser = async (req, res) => …`, `export { getUser }`, `export default …`, and
 * the methods of an exported controller object or class (`export const users = { list(req, res) {…} }`,
 * `export class Users { list = (req, res) => … }`). Used by `typed-response-param`'s
 * `exportedHandlers` option, which must not report a function that is not a handler: the function
 * must have a conventional handler shape (`(req, res[, next])`, `(err, req, res, next)`), and its
 * response parameter must be used like a response (a lifecycle method called on it, a lifecycle
 * property assigned, `headersSent` read).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { memberSpec } from '../lifecycle/index.js';
import { declaredVariable, propertyName, throughTs } from '../util/ast.js';
import { responseTypeAnnotation, type FunctionNode } from './handlers.js';
import { conventionalShape } from './parameter-shapes.js';
import { usedLikeResponse } from './response-uses.js';

/** The name a function is bound to where it is declared (`function f`, `const f = …`). */
function boundName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : undefined;
}

/** `export …` / `export default …` around a declaration (a function, a variable declaration, a class). */
function isExportedDeclaration(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/** The variable is exported by name elsewhere in the module: `export { f }`, `export { f as g }`, `export default f`. */
function exportedByName(variable: TSESLint.Scope.Variable | undefined): boolean {
  return (variable?.references ?? []).some((ref) => {
    const parent = ref.identifier.parent;
    return (
      (parent?.type === AST_NODE_TYPES.ExportSpecifier && parent.local === ref.identifier) ||
      (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration && parent.declaration === ref.identifier)
    );
  });
}

/** The declaration a value is bound by (`const x = value`), or the value itself, and whether that is exported. */
function isExportedValue(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (isExportedDeclaration(value)) return true; // export default <value> / export class
  const declarator = value.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value) return false;
  if (declarator.parent && isExportedDeclaration(declarator.parent)) return true;
  return declarator.id.type === AST_NODE_TYPES.Identifier && exportedByName(declaredVariable(sourceCode, declarator, declarator.id));
}

function isExported(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return isExportedDeclaration(fn) || (fn.id !== null && exportedByName(declaredVariable(sourceCode, fn, fn.id)));
  }
  if (isExportedDeclaration(fn)) return true; // export default (req, res) => …
  const name = boundName(fn);
  if (name && fn.parent?.type === AST_NODE_TYPES.VariableDeclarator) return isExportedValue(fn, sourceCode);
  // A method of a controller: `{ list(req, res) {} }`, `{ list: (req, res) => … }`, `class C { list(req, res) {} }`.
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === fn && holder.parent.type === AST_NODE_TYPES.ObjectExpression) {
    return isExportedValue(holder.parent, sourceCode);
  }
  if (
    (holder?.type === AST_NODE_TYPES.MethodDefinition || holder?.type === AST_NODE_TYPES.PropertyDefinition) &&
    holder.value === fn &&
    !holder.static &&
    // A private method is called by the class itself (`(req, res) => this.handle(req, res)`), not registered elsewhere.
    holder.accessibility !== 'private' &&
    holder.key.type !== AST_NODE_TYPES.PrivateIdentifier
  ) {
    const cls = holder.parent.parent;
    if (cls.type === AST_NODE_TYPES.ClassDeclaration) {
      return isExportedDeclaration(cls) || (cls.id !== null && exportedByName(declaredVariable(sourceCode, cls, cls.id)));
    }
    return cls.type === AST_NODE_TYPES.ClassExpression && isExportedValue(cls, sourceCode);
  }
  return false;
}

/**
 * Which response an exported handler receives, judged by what it does with it: Express when it
 * calls a member only Express has (`res.json`, `res.status`, …), node:http otherwise (a handler
 * typed `NodeRes` is accepted by `app.get` too). `undefined` when `fn` is not an exported handler.
 */
export function exportedHandlerFramework(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): 'express' | 'node' | undefined {
  const params = fn.params.map((p) => (p.type === AST_NODE_TYPES.Identifier ? p : undefined));
  const shape = conventionalShape(params.map((p) => p?.name));
  const response = shape && !shape.helper ? params[shape.responseIndex] : undefined;
  if (!response || !isExported(fn, sourceCode)) return undefined;
  // Unannotated, or annotated with a framework's response (`Response`, `ServerResponse`): a type
  // of the app's own says the function is something else, or was typed on purpose.
  if (response.typeAnnotation && responseTypeAnnotation(response, sourceCode.getScope(fn)) !== 'response') return undefined;
  const variable = declaredVariable(sourceCode, fn, response);
  if (!variable || !usedLikeResponse(variable)) return undefined;
  const usesExpress = variable.references.some((ref) => {
    const node = throughTs(ref.identifier as TSESTree.Node);
    const member = node.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return false;
    const name = propertyName(member);
    return name !== undefined && memberSpec(name)?.framework === 'express';
  });
  return usesExpress ? 'express' : 'node';
}
