#!/usr/bin/env node
// Writes schemas/dockerfile-hardening.schema.json from the built CLI's rule list, so editors
// complete every rule id and group. Run after `npm run build`; a test checks it is current.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const { rules } = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', 'rules', '--format', 'json'], { encoding: 'utf8' }));
const groups = [...new Set(rules.map((r) => r.group))].sort();
const severity = { enum: ['error', 'warning', 'info', 'hint', 'off'] };
const ruleProperties = Object.fromEntries([
  ...groups.map((g) => [g, { ...severity, description: `Every rule of the ${g} group.` }]),
  ...rules.map((r) => [r.id, { ...severity, description: `${r.description} (default: ${r.severity})`, markdownDescription: `${r.description}\n\nDefault: \`${r.severity}\`. [Docs](${r.docs})` }]),
]);
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'dockerfile-hardening project configuration',
  description: 'Checked into a repository; the nearest file up the tree from a Dockerfile applies (CLI and editor).',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    rules: {
      type: 'object',
      description: 'Severity per rule id, group slug, or glob over them (e.g. "healthcheck-*"). Later entries win.',
      properties: ruleProperties,
      additionalProperties: severity,
    },
    trustedRegistries: {
      type: 'array',
      items: { type: 'string' },
      description: 'Registries base images may come from: a host ("docker.io"), a subdomain wildcard ("*.gcr.io") or a path prefix ("ghcr.io/my-org").',
    },
    hadolint: { type: 'boolean', default: true, description: 'Also read .hadolint.yaml (ignored, override, trustedRegistries).' },
    exclude: { type: 'array', items: { type: 'string' }, description: 'Globs, relative to this file, of Dockerfiles the CLI and workspace scan skip.' },
    roles: {
      type: 'object',
      description: 'The role of the Dockerfiles a glob (relative to this file) matches, where the tool judges it wrong: rules about what ships stay quiet or lower on images that do not ship.',
      additionalProperties: { enum: ['service', 'base', 'build', 'test', 'dev', 'tool'] },
    },
  },
};
writeFileSync('schemas/dockerfile-hardening.schema.json', `${JSON.stringify(schema, null, 2)}\n`);
console.log(`schemas/dockerfile-hardening.schema.json: ${rules.length} rules, ${groups.length} groups`);
