import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fixText } from '../../server/src/engine/fixAll';
import { initEngine, lintDockerfile } from '../../server/src/engine/linter';
import { ruleById } from '../../server/src/rules';
import { severityAtLeast } from '../../server/src/engine/severity';
import { applyEdits, SourceText } from '../../server/src/engine/sourceText';
import type { Finding, Fix } from '../../server/src/engine/types';
import { syntaxErrors, TEST_NOW } from '../ruleTester';
import { corpusAvailable, corpusFiles, LONG } from './corpus';

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
    let safe = 0;
    for (const { path, text } of files) {
      const options = { filePath: path, now: TEST_NOW };
      const before = lintDockerfile(text, options).findings;
      const beforeErrors = syntaxErrors(text);
      const beforeSerious = kindCounts(before, (f) => severityAtLeast(f.severity, 'warning'));
      for (const finding of before) {
        for (const fix of [finding.fix, ...(finding.suggestions ?? [])].filter((f): f is Fix => !!f)) {
          offered++;
          if (fix.safe) safe++;
          const label = `${path}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}"`;
          let after: string;
          try {
            after = applyEdits(new SourceText(text), fix.edits);
          } catch (error) {
            problems.push(`${label}: edits do not apply (${(error as Error).message})`);
            continue;
          }
          if (syntaxErrors(after) > beforeErrors) problems.push(`${label}: parses worse`);
          const afterFindings = lintDockerfile(after, options).findings;
          const same = (f: Finding) => f.ruleId === finding.ruleId && f.messageId === finding.messageId;
          if (afterFindings.filter(same).length >= before.filter(same).length) problems.push(`${label}: finding not removed`);
          for (const [key, count] of kindCounts(afterFindings, (f) => severityAtLeast(f.severity, 'warning'))) {
            if (count > (beforeSerious.get(key) ?? 0)) problems.push(`${label}: introduced ${key}`);
          }
          const rule = ruleById(finding.ruleId)!;
          const once = fixText(after, { ...options, rules: [rule] }).text;
          if (fixText(once, { ...options, rules: [rule] }).text !== once) problems.push(`${label}: fixes do not settle`);
        }
      }
      // Fix-all (what --fix and fix-on-save do): never worse, and a second run changes nothing.
      const fixed = fixText(text, options).text;
      if (syntaxErrors(fixed) > beforeErrors) problems.push(`${path}: fix-all parses worse`);
      if (fixText(fixed, options).text !== fixed) problems.push(`${path}: fix-all does not settle`);
    }
    console.log(`fix safety: ${files.length} files, ${offered} fixes and suggestions applied (${safe} safe), ${problems.length} problems`);
    assert.deepEqual(problems.slice(0, 20), []);
  });
});
