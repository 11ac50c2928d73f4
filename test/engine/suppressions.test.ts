import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { lines, TEST_NOW } from '../ruleTester';

const rulesOf = (code: string) => [...new Set(linter.lintDockerfile(code, { now: TEST_NOW }).findings.map((f) => f.ruleId))].sort();

describe('suppression comments', () => {
  before(() => initEngine());

  it('own comment: next instruction only, by rule id, group or glob, with a reason', () => {
    const code = lines('FROM node:22.4.1-slim', '# hardening-ignore entrypoint-cmd, healthcheck-* -- tini handles signals', 'CMD node a.js', 'CMD node b.js');
    const findings = linter.lintDockerfile(code, { now: TEST_NOW }).findings.filter((f) => f.group === 'entrypoint-cmd');
    // Line 3 (the ignored CMD) is silent; line 4's shell-form CMD is still reported.
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`),
      ['exec-form@4'],
    );
  });

  it('own file-wide comment; "all" silences everything', () => {
    assert.deepEqual(rulesOf(lines('# hardening-ignore-file pinning, least-privilege', 'FROM node')), []);
    assert.deepEqual(rulesOf(lines('# hardening-ignore-file all', 'FROM node', 'CMD node a.js')), []);
  });

  it('a comment never silences a rule it does not name', () => {
    assert.deepEqual(rulesOf(lines('# hardening-ignore exec-form', 'FROM node')), ['no-root-user', 'pin-base-image']);
    assert.deepEqual(rulesOf(lines('# hadolint ignore=DL3008', 'FROM node')), ['no-root-user', 'pin-base-image']);
  });

  it('hadolint ignore= (next instruction, with a trailing reason) and global ignore=', () => {
    assert.deepEqual(rulesOf(lines('# hadolint ignore=DL3006,DL3007 # we track latest on purpose', 'FROM node', 'USER node')), []);
    assert.deepEqual(rulesOf(lines('# hadolint global ignore=DL3025', 'FROM node:22.4.1-slim', 'USER node', 'CMD node a.js')), []);
  });

  it('hadolint stage ignore= covers the whole next stage only', () => {
    // The second stage builds on the first, so both ship and merge advice applies to both.
    const code = lines('# hadolint stage ignore=DL3059', 'FROM a:1.0.0 AS one', 'RUN touch /tmp/a', 'RUN rm /tmp/a', 'FROM one', 'USER 1000', 'RUN touch /tmp/c', 'RUN rm /tmp/c');
    const merges = linter.lintDockerfile(code, { now: TEST_NOW }).findings.filter((f) => f.ruleId === 'merge-consecutive-runs');
    assert.deepEqual(
      merges.map((f) => f.range.start.line + 1),
      [8],
    );
  });

  it('trivy:ignore in every id spelling', () => {
    for (const id of ['AVD-DS-0002', 'DS-0002', 'DS002']) {
      assert.deepEqual(rulesOf(lines(`# trivy:ignore:${id}`, 'FROM alpine:3.22.1')), [], id);
    }
  });

  it('checkov:skip applies to the whole file, as in Checkov', () => {
    assert.deepEqual(rulesOf(lines('FROM nginx:1.27.0', 'USER nginx', '#checkov:skip=CKV_DOCKER_2: probes live in Kubernetes')), []);
  });

  it('BuildKit check=skip: a directive at the top covers the file, above an instruction only that one', () => {
    assert.deepEqual(rulesOf(lines('# check=skip=JSONArgsRecommended', 'FROM node:22.4.1-slim', 'USER node', 'CMD node a.js')), []);
    const code = lines('FROM node:22.4.1-slim', 'USER node', 'ENTRYPOINT node a.js', '# check=skip=JSONArgsRecommended', 'CMD node b.js');
    const execForm = linter.lintDockerfile(code, { now: TEST_NOW }).findings.filter((f) => f.ruleId === 'exec-form');
    assert.deepEqual(
      execForm.map((f) => f.range.start.line + 1),
      [3],
    );
  });
});
