import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { join } from 'node:path';
import { buildDeclarations, joinRelative, mayDeclareBuilds } from '../../server/src/engine/buildDeclarations';
import { buildDocumentModel } from '../../server/src/engine/documentModel';
import { initEngine } from '../../server/src/engine/linter';

/** The declarations in a file; every case also checks that the text test before parsing lets it through. */
function declared(kind: 'compose' | 'github-workflow' | 'gitlab-ci', text: string) {
  const found = buildDeclarations(buildDocumentModel(kind, text));
  if (found.length > 0) assert.ok(mayDeclareBuilds(text), `the pre-parse test would skip:\n${text}`);
  return found;
}

before(() => initEngine(join(__dirname, '..', '..', 'dist')));

describe('build declarations', () => {
  it('skips parsing files that cannot declare a build', () => {
    assert.equal(mayDeclareBuilds('services:\n  db:\n    image: postgres:16.4\n'), false);
    assert.equal(mayDeclareBuilds('services:\n  web: {Build: .}\n'), true);
    assert.equal(mayDeclareBuilds('script:\n  - /kaniko/executor --context .\n'), true);
  });

  it('joins paths the POSIX way and refuses remote ones', () => {
    assert.equal(joinRelative('./a', '../b/Dockerfile'), 'b/Dockerfile');
    assert.equal(joinRelative('.', '.'), '.');
    assert.equal(joinRelative('..', 'x'), '../x');
    assert.equal(joinRelative('https://github.com/o/r.git#main'), null);
  });

  it('compose: build as a string, as a map (dockerfile relative to the context), with defaults interpolated', () => {
    const text = [
      'services:',
      '  web:',
      '    build: ./web',
      '  api:',
      '    build:',
      '      context: .',
      '      dockerfile: docker/api/Dockerfile',
      '  worker:',
      '    build:',
      '      context: ${WORKER_DIR:-services/worker}',
      '      dockerfile: ../../docker/worker.Dockerfile',
      '  remote:',
      '    build: https://github.com/example/app.git#main',
      '  unknown:',
      '    build: ${SOMEWHERE}',
      '  image-only:',
      '    image: redis:7.2.5',
    ].join('\n');
    assert.deepEqual(declared('compose', text), [
      { dockerfile: 'web/Dockerfile', context: 'web' },
      { dockerfile: 'docker/api/Dockerfile', context: '.' },
      { dockerfile: 'docker/worker.Dockerfile', context: 'services/worker' },
    ]);
  });

  it('GitHub: build-push-action context and file (file from the repository root), and docker build in run steps', () => {
    const text = [
      'on: push',
      'jobs:',
      '  image:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: .',
      '          file: deploy/app.Dockerfile',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: services/api',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ${{ matrix.dir }}',
      '      - run: |',
      '          docker buildx build --push -t ghcr.io/o/w:1 --build-arg A=1 -f docker/web/Dockerfile .',
      '          docker build services/cli',
      '          docker build -t x:1 - < Dockerfile',
      '      - working-directory: tools',
      '        run: podman build --file=Containerfile.ci ..',
    ].join('\n');
    assert.deepEqual(declared('github-workflow', text), [
      { dockerfile: 'deploy/app.Dockerfile', context: '.' },
      { dockerfile: 'services/api/Dockerfile', context: 'services/api' },
      { dockerfile: 'docker/web/Dockerfile', context: '.' },
      { dockerfile: 'services/cli/Dockerfile', context: 'services/cli' },
      { dockerfile: 'tools/Containerfile.ci', context: '.' },
    ]);
  });

  it('GitLab: docker build with $CI_PROJECT_DIR, kaniko --context/--dockerfile', () => {
    const text = [
      'stages: [build]',
      'image-build:',
      '  stage: build',
      '  script:',
      '    - docker build -f "$CI_PROJECT_DIR/docker/Dockerfile" "$CI_PROJECT_DIR"',
      'kaniko:',
      '  image: gcr.io/kaniko-project/executor:v1.23.2-debug',
      '  script:',
      '    - /kaniko/executor --context "${CI_PROJECT_DIR}/app" --dockerfile "${CI_PROJECT_DIR}/app/Dockerfile.prod" --destination "$IMAGE"',
      '.template:',
      '  script: docker build hidden',
    ].join('\n');
    assert.deepEqual(declared('gitlab-ci', text), [
      { dockerfile: 'docker/Dockerfile', context: '.' },
      { dockerfile: 'app/Dockerfile.prod', context: 'app' },
    ]);
  });
});
