// Where a line of the buggy version is in the fixed version, read from `git diff -U0` hunks, so the
// "cleared" check looks at the same place after the fix moved the code around it.

/** How far (in lines) a report may be from the defect's line and still count as reporting it. */
export const NEAR = 3;

/**
 * @param {string} diff output of `git diff -U0 <parent> <fix> -- <file>`
 * @param {number} line 1-based line in the parent's file
 * @returns {number} the line in the fix's file (the start of the replacing lines when `line` was changed)
 */
export function mapLine(diff, line) {
  let shift = 0;
  for (const match of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gmu)) {
    const oldStart = Number(match[1]);
    const oldCount = match[2] === undefined ? 1 : Number(match[2]);
    const newStart = Number(match[3]);
    const newCount = match[4] === undefined ? 1 : Number(match[4]);
    // a pure insertion (oldCount 0) goes after line oldStart; a change replaces oldStart..oldStart+oldCount-1
    const firstAfter = oldCount === 0 ? oldStart + 1 : oldStart + oldCount;
    if (line >= firstAfter) {
      // newStart is the line before the hunk when it only deletes (newCount 0)
      shift = (newCount === 0 ? newStart + 1 : newStart + newCount) - firstAfter;
      continue;
    }
    if (oldCount > 0 && line >= oldStart) return newCount === 0 ? newStart + 1 : newStart;
    break;
  }
  return line + shift;
}
