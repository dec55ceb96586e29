/**
 * The origin of a value from its TypeScript type, when the file was parsed with type information.
 * `typescript` is an optional peer: it is loaded only once a program exists, so plain JS users
 * never need it.
 */
import { createRequire } from 'node:module';
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { joinOrigins, type Origin } from './origin.js';

let typescript: typeof ts | undefined;
function loadTypeScript(): typeof ts {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return typescript;
}

export class TypeOrigins {
  private readonly ts = loadTypeScript();

  constructor(private readonly services: ParserServicesWithTypeInformation) {}

  /** On the first question only: creating the checker binds the whole program. */
  private get checker(): ts.TypeChecker {
    return this.services.program.getTypeChecker();
  }

  of(node: TSESTree.Node): Origin {
    return this.classify(this.services.getTypeAtLocation(node), 0);
  }

  /** Whether the value is a number, bigint or boolean (possibly missing): it prints as ASCII. */
  isNumeric(node: TSESTree.Node): boolean {
    const { TypeFlags } = this.ts;
    const printsAscii = TypeFlags.NumberLike | TypeFlags.BigIntLike | TypeFlags.BooleanLike;
    const type = this.services.getTypeAtLocation(node);
    const parts = type.isUnion() ? type.types : [type];
    const present = parts.filter((t) => !(t.flags & (TypeFlags.Null | TypeFlags.Undefined | TypeFlags.Void)));
    return present.length > 0 && present.every((t) => (t.flags & printsAscii) !== 0);
  }

  private classify(type: ts.Type, depth: number): Origin {
    const { TypeFlags } = this.ts;
    if (depth > 5) return 'unknown';
    if (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) return 'unknown';
    if (type.flags & TypeFlags.StringLike) return 'string';
    if (type.isUnion()) {
      // `body?: string` reads as `string | undefined`: the nullish part has no `.length` to read
      const parts = type.types.filter((t) => !(t.flags & (TypeFlags.Null | TypeFlags.Undefined | TypeFlags.Void)));
      return joinOrigins(parts.map((t) => this.classify(t, depth + 1)));
    }
    if (type.isIntersection()) {
      // branded strings (`string & { __brand: 'Html' }`) are strings
      return type.types.some((t) => this.classify(t, depth + 1) === 'string') ? 'string' : 'other';
    }
    if (type.flags & (TypeFlags.TypeParameter | TypeFlags.Index | TypeFlags.IndexedAccess | TypeFlags.Conditional | TypeFlags.Substitution)) {
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint && constraint !== type ? this.classify(constraint, depth + 1) : 'unknown';
    }
    if (type.getSymbol()?.getName() === 'String') return 'string';
    return 'other';
  }
}
