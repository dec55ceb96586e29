import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The two compilers every type test runs: TypeScript 6 (JS) and TypeScript 7 (native). */
export const COMPILERS = {
  tsc6: path.resolve('node_modules/typescript/bin/tsc'),
  tsc7: path.resolve('node_modules/typescript7/bin/tsc'),
} as const;
export type Compiler = keyof typeof COMPILERS;

export interface TscDiagnostic {
  file: string;
  line: number;
  code: number;
  /** The first line and its elaboration, joined. */
  text: string;
}

/** Runs one compiler on a project (`--noEmit`) and parses its non-pretty diagnostics. */
export function runTsc(compiler: Compiler, project: string, extraArgs: readonly string[] = []): TscDiagnostic[] {
  const run = spawnSync(process.execPath, [COMPILERS[compiler], '-p', project, '--noEmit', '--pretty', 'false', ...extraArgs], {
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  const diagnostics: TscDiagnostic[] = [];
  for (const line of run.stdout.split('\n')) {
    const head = /^(.+?)\((\d+),\d+\): error TS(\d+): (.*)$/u.exec(line);
    if (head) {
      diagnostics.push({ file: path.resolve(head[1]!), line: Number(head[2]), code: Number(head[3]), text: head[4]! });
    } else if (line.trim() && diagnostics.length > 0) {
      diagnostics[diagnostics.length - 1]!.text += '\n' + line.trim();
    } else if (line.trim()) {
      // A diagnostic without a location (bad tsconfig, missing file): surface it as a failure.
      diagnostics.push({ file: project, line: 0, code: 0, text: line });
    }
  }
  if (run.status !== 0 && diagnostics.length === 0) {
    diagnostics.push({ file: project, line: 0, code: 0, text: `tsc exited ${run.status}: ${run.stderr}` });
  }
  return diagnostics;
}
