/**
 * The parts of the docs that restate a rule's metadata: each page's header line and the README's
 * rule table. Written from the metadata by `npm run docs`; test/rules/registry.test.ts fails when
 * a page or the README differs from what this would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linter } from './defaultLinter';
import type { RuleMeta } from './engine/rule';

const ROOT = join(__dirname, '..', '..');

/** How the table and pages say what a rule's edits are. */
export function applicabilityLabel(meta: RuleMeta): string {
  const { applicability } = meta;
  if (applicability.length === 0) return 'none';
  return applicability.includes('safe') && applicability.includes('suggestion') ? 'safe / suggestion' : applicability[0];
}

/** The line under a page's title. */
export function pageHeader(meta: RuleMeta): string {
  const severity = meta.offByDefault ? `off (${meta.severity} when turned on)` : meta.severityNote ? `${meta.severity} (${meta.severityNote})` : meta.severity;
  return `Group: \`${meta.group}\` · Default severity: ${severity} · Fix: ${meta.applicabilityNote ?? applicabilityLabel(meta)}`;
}

/** What the rule does on images that do not ship (engine/roles.ts), as the docs page says it. */
export function rolesLine(meta: RuleMeta): string | null {
  const entries = Object.entries(meta.roles ?? {});
  if (entries.length === 0) return null;
  const bySeverity = new Map<string, string[]>();
  for (const [role, severity] of entries) bySeverity.set(severity, [...(bySeverity.get(severity) ?? []), ROLE_LABELS[role as keyof typeof ROLE_LABELS]]);
  const parts = [...bySeverity].map(([severity, roles]) => `${severity} on ${roles.join(', ')}`);
  return `Image roles: ${parts.join('; ')}. [What roles are](../roles.md)`;
}

const ROLE_LABELS = { base: 'base images', build: 'build-only stages', test: 'test images', dev: 'development images', tool: 'CI and tool images' } as const;

/** The rule's row in the README's table. */
export function readmeRow(meta: RuleMeta): string {
  return `| [${meta.id}](docs/rules/${meta.id}.md) | \`${meta.group}\` | ${meta.offByDefault ? `off (${meta.severity})` : meta.severity} | ${applicabilityLabel(meta)} | ${meta.description} |`;
}

export interface DocsDrift {
  file: string;
  expected: string;
  actual: string | null;
}

/** Where the docs differ from the metadata; with `write`, rewrites them first. */
export function syncRuleDocs(write: boolean): DocsDrift[] {
  const drift: DocsDrift[] = [];
  for (const { meta } of linter.rules) {
    const file = join(ROOT, 'docs', 'rules', `${meta.id}.md`);
    const lines = readFileSync(file, 'utf8').split('\n');
    // The header is the first line after the title (and the blank line under it).
    const at = lines.findIndex((line, i) => i > 0 && line.startsWith('Group: '));
    const expected = pageHeader(meta);
    // The roles line, when the rule has one, is the paragraph under the header.
    const rolesAt = at >= 0 && lines[at + 2]?.startsWith('Image roles: ') ? at + 2 : -1;
    const expectedRoles = rolesLine(meta);
    const headerOk = at >= 0 && lines[at] === expected;
    const rolesOk = expectedRoles === null ? rolesAt < 0 : rolesAt >= 0 && lines[rolesAt] === expectedRoles;
    if (headerOk && rolesOk) continue;
    if (write && at >= 0) {
      lines[at] = expected;
      if (rolesAt >= 0) lines.splice(rolesAt - 1, 2);
      if (expectedRoles !== null) lines.splice(at + 1, 0, '', expectedRoles);
      writeFileSync(file, lines.join('\n'));
    } else if (!headerOk) drift.push({ file: `docs/rules/${meta.id}.md`, expected, actual: at >= 0 ? lines[at] : null });
    else drift.push({ file: `docs/rules/${meta.id}.md`, expected: expectedRoles ?? '(no roles line)', actual: rolesAt >= 0 ? lines[rolesAt] : null });
  }
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8').split('\n');
  let changed = false;
  for (const { meta } of linter.rules) {
    const at = readme.findIndex((line) => line.startsWith(`| [${meta.id}](docs/rules/${meta.id}.md) |`));
    const expected = readmeRow(meta);
    if (at >= 0 && readme[at] === expected) continue;
    if (write && at >= 0) {
      readme[at] = expected;
      changed = true;
    } else drift.push({ file: 'README.md', expected, actual: at >= 0 ? readme[at] : null });
  }
  if (changed) writeFileSync(readmePath, readme.join('\n'));
  return drift;
}
