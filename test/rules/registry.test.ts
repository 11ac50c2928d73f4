import { pageHeader, readmeRow, syncRuleDocs } from '../../server/src/ruleDocs';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GROUPS } from '../../shared/ids';
import { RULES } from '../../server/src/rules';

const ROOT = join(__dirname, '..', '..');
const RULE_DIR = join(ROOT, 'server', 'src', 'rules');

describe('rule registry', () => {
  it('lists every rule file exactly once, sorted by id', () => {
    const files = readdirSync(RULE_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort(), 'index is sorted');
    assert.deepEqual(ids, files, 'every rule file is registered under its own name');
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      it('has a kebab-case id and a known group', () => {
        assert.match(rule.meta.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
        assert.ok((GROUPS as readonly string[]).includes(rule.meta.group));
      });

      it('has a docs page with the fixed sections, and a test file', () => {
        const page = join(ROOT, 'docs', 'rules', `${rule.meta.id}.md`);
        assert.ok(existsSync(page), `docs/rules/${rule.meta.id}.md is missing`);
        const text = readFileSync(page, 'utf8');
        for (const heading of ['## What it checks', '## Why it matters', '## Example', '## How to fix', '## How to suppress']) {
          assert.ok(text.includes(heading), `docs/rules/${rule.meta.id}.md lacks "${heading}"`);
        }
        assert.ok(text.includes(`Group: \`${rule.meta.group}\``), 'docs page names the group');
        assert.ok(existsSync(join(ROOT, 'test', 'rules', `${rule.meta.id}.test.ts`)), `test/rules/${rule.meta.id}.test.ts is missing`);
      });

      it('names every peer rule in its docs page', () => {
        const text = readFileSync(join(ROOT, 'docs', 'rules', `${rule.meta.id}.md`), 'utf8');
        for (const id of Object.values(rule.meta.peers ?? {}).flat()) assert.ok(text.includes(id), `docs page does not mention ${id}`);
      });

      it('has messages', () => {
        assert.ok(Object.keys(rule.meta.messages).length > 0);
        for (const message of Object.values(rule.meta.messages)) assert.ok(message.length > 20);
      });
    });
  }
});

describe('config schema', () => {
  it('lists every rule id and group (regenerate with scripts/generate-config-schema.mjs)', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'dockerfile-hardening.schema.json'), 'utf8'));
    const keys = Object.keys(schema.properties.rules.properties).sort();
    const expected = [...new Set([...RULES.map((r) => r.meta.id), ...RULES.map((r) => r.meta.group)])].sort();
    assert.deepEqual(keys, expected);
  });
});

describe('README', () => {
  it('lists every rule with a link to its page', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const missing = RULES.map((r) => r.meta.id).filter((id) => !readme.includes(`[${id}](docs/rules/${id}.md)`));
    assert.deepEqual(missing, []);
  });

  it("each page's header line and the README's rule table say what the metadata says (npm run docs writes them)", () => {
    assert.deepEqual(syncRuleDocs(false), [], 'run npm run docs');
  });

  it('the header shows an applicability note where the rule has one, else the declared applicability', () => {
    const byId = (id: string) => RULES.find((r) => r.meta.id === id)!.meta;
    assert.equal(pageHeader(byId('apt-update-alone')), 'Group: `layer-cache` · Default severity: warning · Fix: safe');
    assert.equal(pageHeader(byId('package-cache-left')), 'Group: `layer-cache` · Default severity: info · Fix: safe / suggestion');
    assert.equal(pageHeader(byId('hardcoded-secret')), 'Group: `secrets` · Default severity: error · Fix: none (revoke the credential)');
    assert.match(readmeRow(byId('exec-form')), /\| warning \| safe \/ suggestion \|/);
  });
});
