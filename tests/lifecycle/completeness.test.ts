import http from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { IRRELEVANT_MEMBERS, MEMBERS, memberSpec } from '../../src/lifecycle/index.js';

/** Methods and accessors users can reach on a response: everything up the prototype chain but Object's. */
function runtimeMembers(start: object): Map<string, string> {
  const found = new Map<string, string>();
  for (let proto: object | null = start; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const desc = Object.getOwnPropertyDescriptor(proto, name);
      if (!desc || found.has(name)) continue;
      if (typeof desc.value === 'function' || desc.get || desc.set) {
        found.set(name, (proto as { constructor?: { name?: string } }).constructor?.name ?? 'express.response');
      }
    }
  }
  return found;
}

function isAccounted(name: string): boolean {
  return memberSpec(name) !== undefined || Object.hasOwn(IRRELEVANT_MEMBERS, name);
}

describe('the lifecycle model covers the runtime API', () => {
  it('classifies every method and accessor of http.ServerResponse', () => {
    const unclassified = [...runtimeMembers(http.ServerResponse.prototype)].filter(([name]) => !isAccounted(name));
    expect(unclassified).toEqual([]);
  });

  it("classifies every method of Express's res", () => {
    const own = Object.getOwnPropertyNames(express.response).filter(
      (name) => typeof (express.response as unknown as Record<string, unknown>)[name] === 'function',
    );
    expect(own.length).toBeGreaterThan(15);
    expect(own.filter((name) => !isAccounted(name))).toEqual([]);
  });

  it('names only members that exist at run time (no typos in the table)', () => {
    const socketless = new http.ServerResponse(new http.IncomingMessage(null as never));
    const protoNames: string[] = [];
    for (let proto: object | null = http.ServerResponse.prototype; proto; proto = Object.getPrototypeOf(proto)) {
      protoNames.push(...Object.getOwnPropertyNames(proto));
    }
    const known = new Set([
      ...protoNames,
      ...Object.keys(socketless),
      ...Object.getOwnPropertyNames(express.response),
      // set on every response by Express's init middleware
      'locals',
      'app',
    ]);
    expect(MEMBERS.map((m) => m.name).filter((name) => !known.has(name))).toEqual([]);
  });

  it('classifies each member once', () => {
    const names = MEMBERS.map((m) => m.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect(names.filter((name) => Object.hasOwn(IRRELEVANT_MEMBERS, name))).toEqual([]);
  });
});
