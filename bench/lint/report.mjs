// The lint section of bench/RESULTS.md, from the figures bench/lint/run.mjs collected.

const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
const pct = (ratio) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;

function row(name, a) {
  const runs = (arm) => arm.runs.map((run) => Math.round(run.ms)).join(', ');
  return `| ${name} | ${ms(a.base.ms)} | ${ms(a.plugin.ms)} | **${pct(a.overhead)}** | ${pct(a.cpuOverhead)} | ${runs(a.base)} / ${runs(a.plugin)} |`;
}

function sharesTable(shares) {
  const lines = [
    `All rules ${ms(shares.total)}; ${shares.coreRules} core rules, median core rule ${shares.coreMedian.toFixed(2)} ms, slowest ${shares.slowestCore.map((r) => `\`${r.id}\` ${ms(r.ms)}`).join(', ')}; plugin rules together ${shares.pluginTotal.toFixed(2)} ms.`,
    '',
    '| rule | time | share of rule time | × median core rule | core rules slower |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const rule of shares.plugin) {
    lines.push(`| \`${rule.id}\` | ${rule.ms.toFixed(2)} ms | ${(rule.share * 100).toFixed(2)}% | ${rule.vsMedianCore.toFixed(2)}× | ${rule.slowerCoreRules} of ${shares.coreRules} |`);
  }
  if (!shares.plugin.length) lines.push('| (no plugin rule ran) | | | |');
  const cp = shares.codePath;
  if (cp?.rules.length) {
    lines.push(
      '',
      `For context, the core rules that run on ESLint's code path analysis, the plugin's closest kin: ${cp.rules.map((r) => `\`${r.id}\` ${r.ms.toFixed(1)} ms`).join(', ')} (median ${cp.median.toFixed(1)} ms). ` +
        `Against them: ${shares.plugin.map((r) => `\`${r.id}\` ${r.vsMedianCodePath.toFixed(2)}× their median, ${r.vsSlowestCodePath.toFixed(2)}× the slowest`).join('; ')}.`,
    );
  }
  return lines.join('\n');
}

export function lintMarkdown(r) {
  const c = r.corpus;
  const growthRows = r.growth.rows.map(
    (g) => `| ${g.units} | ${g.lines.toLocaleString('en-US')} | ~${g.statements.toLocaleString('en-US')} | ${g.ruleMs.toFixed(1)} ms | ${g.reportsEnd ? 'yes' : '**no**'} |`,
  );
  return `## Lint (\`node bench/lint/run.mjs\`)

Plugin ${r.pluginVersion}, built from dist/. Rules: ${r.pluginRules.map((id) => `\`${id}\``).join(', ') || '(none)'}.
\`recommended\`: ${r.recommended.join(', ') || '(none)'}; \`recommended-type-checked\`: ${r.typeChecked.join(', ') || '(none)'}.

**Corpus** (laid out under bench/.cache/, rebuilt on every run):
- installed packages of the dev tree: ${c.real.files} files, ${c.real.lines.toLocaleString('en-US')} lines (${c.real.packages.join(', ')});
- Express applications and middleware installed from npm: ${c.apps.files} files, ${c.apps.lines.toLocaleString('en-US')} lines (${c.apps.packages.join(', ') || 'not installed: npm unreachable'});
- generated: ${c.generated.handlers} route handlers in ${c.generated.files} files, ${c.generated.lines.toLocaleString('en-US')} lines (guards, headers, loops, try/catch, callbacks, promise chains, switch, streaming, ~4% real bugs);
- JS total **${r.jsLines.toLocaleString('en-US')} lines**; ${r.wall.summary.files} files linted, ${r.wall.summary.fatal} parse errors;
- type-aware: ${c.ts.generated.handlers} typed Express handlers (${c.ts.generated.lines.toLocaleString('en-US')} lines) + ajv's TypeScript sources (${c.ts.ajv.files} files, ${c.ts.ajv.lines.toLocaleString('en-US')} lines), one tsconfig.

### Wall and CPU time (\`eslint --concurrency off .\`, a fresh process per run, ${r.pairs} alternating pairs, median)

Baseline: \`eslint:recommended\` (with the TS parser and \`projectService\` on the TS corpus; in the last row also typescript-eslint's \`recommendedTypeChecked\`). Load average ${r.load.before.toFixed(2)} before the timed runs, ${r.load.after.toFixed(2)} after, on ${r.load.cores} cores. CPU time is user + system of the ESLint process; it is less disturbed than wall time when other work shares the machine.

| corpus | baseline | + plugin | overhead (wall) | overhead (CPU) | runs, wall ms (base / plugin) |
| --- | ---: | ---: | ---: | ---: | --- |
${row(`JS, ${r.jsLines.toLocaleString('en-US')} lines, \`recommended\``, r.wall)}
${row(`TS, projectService, \`recommended-type-checked\` (${r.tsPairs} pairs)`, r.typed)}
${r.typedShared ? row(`TS, as above, both arms also running typescript-eslint \`recommendedTypeChecked\` (${r.tsPairs} pairs)`, r.typedShared) : ''}

Plugin reports on the JS corpus: ${JSON.stringify(r.wall.summary.byRule)}; on the TS corpus: ${JSON.stringify(r.typed.summary.byRule)}.
Bugs planted in the generated handlers: ${r.planted.figure}${r.planted.extra.length ? `; other reports: ${r.planted.extra.slice(0, 10).join(', ')}` : ''}.

### Per rule (\`TIMING=all eslint --concurrency off .\`, one run)

The lifecycle rules share one analysis per file, run by the listeners of the first of them to subscribe (\`no-double-send\` when all are on): its time is the analysis' time, the others only filter its results.

JS corpus:

${sharesTable(r.shares)}

Type-aware TS corpus:

${sharesTable(r.typedShares)}

### Growth with a handler's size (plugin \`recommended\` rules alone, ESLint \`stats\`, least of 3 runs)

One handler made of N units (a branch that sets a header, a loop with \`continue\`, a try/catch around \`await\`, a switch, a while loop with \`break\`), none of which finishes the response, then \`res.json(…); res.send('again')\`: the double send at the end must be reported at every size.

| units | lines | statements | plugin rule time | final double send reported |
| ---: | ---: | ---: | ---: | --- |
${growthRows.join('\n')}

${r.growth.figure}.

### Once per file

${r.once.figure}.

### --concurrency auto

\`eslint --concurrency auto .\` on the JS corpus: ${r.concurrency.autoReports} plugin reports in ${(r.concurrency.autoMs / 1000).toFixed(1)} s, against ${r.concurrency.offReports} with \`--concurrency off\` (median ${(r.concurrency.offMs / 1000).toFixed(1)} s); identical (file, line, column, rule, message id): **${r.concurrency.same}**.

### Targets

| target | figure | met |
| --- | --- | --- |
${r.targets.map((t) => `| ${t.name} | ${t.figure} | ${t.met ? 'yes' : '**no**'} |`).join('\n')}

Lint benchmark time: ${r.seconds.toFixed(0)} s.
`;
}
