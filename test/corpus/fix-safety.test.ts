import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fixText } from '../../server/src/engine/edits/fixAll';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { ruleById } from '../../server/src/rules';
import { severityAtLeast } from '../../server/src/engine/severity';
import { applyEdits, SourceText } from '../../server/src/engine/sourceText';
import type { Finding, Fix } from '../../server/src/engine/types';
import { syntaxErrors, TEST_NOW } from '../ruleTester';
import { corpusAvailable, corpusFiles, LONG } from './corpus';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildModel } from '../../server/src/engine/dockerfile/model';
import { runScripts } from '../../server/src/engine/dockerfile/runScripts';

/** The shell text of every POSIX RUN (heredoc bodies included). */
function runBodies(text: string): string[] {
  const model = buildModel(text);
  return model.stages.flatMap((stage) =>
    runScripts(model, stage)
      .filter((run) => run.script)
      .map((run) => (run.fromHeredoc ? (run.body.heredocs[0]?.text ?? '') : run.body.text)),
  );
}

/** Debian's dash (what /bin/sh runs in most images) and bash, as strict second parsers: tests only. */
const SHELLS = ['dash', 'bash'].map((name) => [`/usr/bin/${name}`, `/bin/${name}`].find(existsSync)).filter((path): path is string => !!path);

/**
 * Bodies `shell -n` rejects. All of them are checked in one run, each inside its own function
 * so one cannot swallow the next; only when that run fails are they checked one by one.
 */
function rejectedBy(shell: string, bodies: string[]): Set<number> {
  const syntaxOk = (script: string) => spawnSync(shell, ['-n'], { input: script }).status === 0;
  const wrap = (body: string, i: number) => `f_${i}() {\n${body}\n}\n`;
  if (bodies.length === 0 || syntaxOk(bodies.map(wrap).join(''))) return new Set();
  return new Set(bodies.flatMap((body, i) => (syntaxOk(body) ? [] : [i])));
}

function shellRegressions(beforeText: string, afterText: string): string[] {
  const before = runBodies(beforeText);
  const known = new Set(before);
  const added = runBodies(afterText).filter((body) => !known.has(body));
  if (added.length === 0) return [];
  const problems: string[] = [];
  for (const shell of SHELLS) {
    // Only where the shell accepted every RUN of the original: the fix must keep it so.
    if (rejectedBy(shell, before).size > 0) continue;
    for (const i of rejectedBy(shell, added)) problems.push(`${shell} -n rejects: ${added[i].slice(0, 120)}`);
  }
  return problems;
}

const kindCounts = (findings: Finding[], filter: (f: Finding) => boolean) => {
  const counts = new Map<string, number>();
  for (const f of findings.filter(filter)) counts.set(`${f.ruleId}/${f.messageId}`, (counts.get(`${f.ruleId}/${f.messageId}`) ?? 0) + 1);
  return counts;
};

describe(`fix safety on the corpus (${LONG ? 'all files' : 'sample'})`, { skip: !corpusAvailable() && 'corpus not found next to the repository' }, () => {
  before(() => initEngine());

  it('every fix and suggestion: parses as well, removes its finding, adds nothing serious, settles', () => {
    const files = corpusFiles('dockerfile', 300);
    const problems: string[] = [];
    let offered = 0;
    let shellChecked = 0;
    let safe = 0;
    for (const { path, text } of files) {
      const options = { filePath: path, now: TEST_NOW };
      const before = linter.lintDockerfile(text, options).findings;
      const beforeErrors = syntaxErrors(text);
      const beforeSerious = kindCounts(before, (f) => severityAtLeast(f.severity, 'warning'));
      for (const finding of before) {
        for (const fix of [finding.fix, ...(finding.suggestions ?? [])].filter((f): f is Fix => !!f)) {
          offered++;
          if (fix === finding.fix) safe++;
          const label = `${path}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}"`;
          let after: string;
          try {
            after = applyEdits(new SourceText(text), fix.edits);
          } catch (error) {
            problems.push(`${label}: edits do not apply (${(error as Error).message})`);
            continue;
          }
          if (syntaxErrors(after) > beforeErrors) problems.push(`${label}: parses worse`);
          for (const problem of shellRegressions(text, after)) problems.push(`${label}: ${problem}`);
          shellChecked++;
          const afterFindings = linter.lintDockerfile(after, options).findings;
          const same = (f: Finding) => f.ruleId === finding.ruleId && f.messageId === finding.messageId;
          if (afterFindings.filter(same).length >= before.filter(same).length) problems.push(`${label}: finding not removed`);
          for (const [key, count] of kindCounts(afterFindings, (f) => severityAtLeast(f.severity, 'warning'))) {
            if (count > (beforeSerious.get(key) ?? 0)) problems.push(`${label}: introduced ${key}`);
          }
          const rule = ruleById(finding.ruleId)!;
          const once = fixText(linter, after, { ...options, rules: [rule] }).text;
          if (fixText(linter, once, { ...options, rules: [rule] }).text !== once) problems.push(`${label}: fixes do not settle`);
        }
      }
      // Fix-all (what --fix and fix-on-save do): never worse, and a second run changes nothing.
      const fixed = fixText(linter, text, options).text;
      if (syntaxErrors(fixed) > beforeErrors) problems.push(`${path}: fix-all parses worse`);
      for (const problem of shellRegressions(text, fixed)) problems.push(`${path}: fix-all: ${problem}`);
      if (fixText(linter, fixed, options).text !== fixed) problems.push(`${path}: fix-all does not settle`);
    }
    console.log(
      `fix safety: ${files.length} files, ${offered} fixes and suggestions applied (${safe} safe, ${shellChecked} checked with ${SHELLS.map((s) => s.split('/').pop()).join(' and ')} -n), ${problems.length} problems`,
    );
    assert.ok(SHELLS.length >= 2, 'dash and bash are needed for the strict shell check');
    // The strict check itself can fail.
    for (const shell of SHELLS) assert.deepEqual([...rejectedBy(shell, ['true', 'a; && b', 'echo ok'])], [1], shell);
    assert.deepEqual(problems.slice(0, 20), []);
  });
});
