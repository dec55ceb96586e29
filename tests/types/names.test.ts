import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPEN_RESPONSE_TYPE, REGISTRATION_HELPER, TYPES_MODULE, TYPE_STATE_TYPES } from '../../src/type-state-names.js';

// The lint rule `typed-response-param` names the typings; these must be what types/ exports.
describe('src/type-state-names.ts', () => {
  const index = readFileSync('types/index.ts', 'utf8');
  const exported = new Set([...index.matchAll(/export (?:type )?\{([^}]*)\}/gu)].flatMap((m) => m[1]!.split(',').map((s) => s.trim())));

  it('names types and a helper that types/index.ts exports', () => {
    const wanted = [...TYPE_STATE_TYPES, ...Object.values(OPEN_RESPONSE_TYPE), REGISTRATION_HELPER];
    expect(wanted.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('names the package subpath that exports them', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; exports: Record<string, unknown> };
    expect(TYPES_MODULE).toBe(`${pkg.name}/types`);
    expect(pkg.exports['./types']).toEqual({ types: './dist/types/index.d.ts', default: './dist/types/index.js' });
  });
});
