/**
 * package.json and the pre-commit hooks say again what shared/ says once (file kinds, settings):
 * VS Code and pre-commit read those files, not our code. These tests keep the copies equal.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { activationEvents, FILE_KINDS, type FileKind } from '../../shared/fileKinds';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { SETTINGS_SECTION } from '../../shared/ids';
import { fileKindOf } from '../../server/src/engine/fileKinds';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Paths of every kind, as repositories name them: each must match its kind's globs and be classified so. */
const SAMPLES: Record<FileKind, string[]> = {
  dockerfile: ['Dockerfile', 'api/Dockerfile.prod', 'Containerfile', 'svc/web.Dockerfile', 'x/app.dockerfile', 'Docker/Dockerfile-Alpine', 'Dockerfile_dev'],
  compose: ['compose.yaml', 'docker-compose.yml', 'deploy/docker-compose.prod.yaml'],
  devcontainer: ['.devcontainer/devcontainer.json', '.devcontainer/python/devcontainer.json', '.devcontainer.json'],
  'github-workflow': ['.github/workflows/ci.yml', '.github/workflows/release.yaml'],
  'gitlab-ci': ['.gitlab-ci.yml', '.gitlab-ci.yaml'],
  'azure-pipelines': ['azure-pipelines.yml', '.azure-pipelines/build.yaml'],
  circleci: ['.circleci/config.yml'],
  'bitbucket-pipelines': ['bitbucket-pipelines.yml'],
  jenkinsfile: ['Jenkinsfile', 'ci/Jenkinsfile.release'],
  kubernetes: ['k8s/deployment.yaml', 'deploy/base/service.yml'],
  dockerignore: ['.dockerignore', 'api/Dockerfile.dockerignore'],
};

describe('one table of file kinds', () => {
  it('every kind has samples; each sample matches its globs and the classifier agrees', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), FILE_KINDS.map((k) => k.kind).sort());
    for (const info of FILE_KINDS) {
      const matches = picomatch([...info.globs], { dot: true });
      for (const sample of SAMPLES[info.kind]) {
        assert.ok(matches(sample), `${sample} is not matched by the ${info.kind} globs ${info.globs.join(' ')}`);
        assert.equal(fileKindOf(sample), info.kind, sample);
      }
    }
  });

  it("package.json's activation events come from the table", () => {
    assert.deepEqual(pkg.activationEvents, activationEvents());
  });

  it('the languages package.json contributes cover the Dockerfile and ignore-file samples', () => {
    for (const info of FILE_KINDS.filter((k) => k.language)) {
      const language = pkg.contributes.languages.find((l: { id: string }) => l.id === info.language);
      assert.ok(language, `package.json contributes no "${info.language}" language`);
      const patterns = [...(language.filenames ?? []), ...(language.filenamePatterns ?? [])];
      for (const sample of SAMPLES[info.kind]) {
        const base = sample.split('/').pop()!;
        assert.ok(
          patterns.some((p: string) => picomatch(p, { dot: true })(base)),
          `${base} opens in no "${info.language}" mode`,
        );
      }
    }
  });

  it("the pre-commit hooks' file pattern takes every Dockerfile sample and no ignore file", () => {
    const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; files: string; exclude: string }[];
    for (const hook of hooks) {
      const [files, exclude] = [new RegExp(hook.files), new RegExp(hook.exclude)];
      const takes = (path: string) => files.test(path) && !exclude.test(path);
      for (const sample of SAMPLES.dockerfile) assert.ok(takes(sample), `${hook.id} skips ${sample}`);
      for (const sample of SAMPLES.dockerignore) assert.ok(!takes(sample), `${hook.id} takes ${sample}`);
    }
  });
});

describe('settings', () => {
  it('package.json contributes exactly the settings shared/settings.ts reads, with the same defaults', () => {
    const properties = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    const contributed = Object.fromEntries(
      Object.entries(properties)
        // The language client's own trace setting, read by vscode-languageclient.
        .filter(([key]) => key !== `${SETTINGS_SECTION}.trace.server`)
        .map(([key, value]) => [key.slice(SETTINGS_SECTION.length + 1), value.default]),
    );
    const flatten = (value: object, prefix = ''): Record<string, unknown> =>
      Object.fromEntries(Object.entries(value).flatMap(([key, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(flatten(v, `${prefix}${key}.`)) : [[`${prefix}${key}`, v]])));
    assert.deepEqual(contributed, flatten(DEFAULT_SETTINGS));
  });
});
