import { describe, expect, it } from 'vitest';
import { lowestMajor } from '../../src/project/lowest-major.js';

describe('lowestMajor: the lowest major a dependency range admits', () => {
  it.each([
    ['^4.18.2', 4],
    ['~4.19.2', 4],
    ['4.17.1', 4],
    ['4.x', 4],
    ['4', 4],
    ['v4.17.1', 4],
    ['>=4.17.0', 4],
    ['>= 4.17.0', 4],
    ['>=3 <5', 3],
    ['<5', 0],
    ['<=4.21.2', 0],
    ['4.0.0 - 4.17.0', 4],
    ['^4.21.0 || ^5.0.0', 4],
    ['^5.0.0 || ^4.21.0', 4],
    ['^5.1.0', 5],
    ['5.0.0-beta.3', 5],
    ['npm:express@^4.18.2', 4],
  ])('%s → %s', (range, major) => {
    expect(lowestMajor(range)).toBe(major);
  });

  it.each(['*', 'x', '', 'latest', 'next', '^4 || *', 'github:expressjs/express', 'git+https://example.test/express.git', 'file:../express', 'workspace:*'])(
    '%j says nothing',
    (range) => {
      expect(lowestMajor(range)).toBeUndefined();
    },
  );
});
