import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { join } from 'node:path';
import { buildDeclarations, mayDeclareBuilds } from '../../server/src/engine/documents/buildDeclarations';
import { goreleaserBuilds } from '../../server/src/engine/documents/goreleaserBuilds';
import { joinRelative } from '../../server/src/engine/documents/relativePaths';
import { buildDocumentModel } from '../../server/src/engine/documents/documentModel';
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

  it("compose: the service's health check, in each form compose accepts", () => {
    const text = [
      'services:',
      '  api:',
      '    build: ./api',
      '    healthcheck:',
      '      test: ["CMD", "curl", "-f", "http://localhost:$${PORT:-8080}/health"]',
      '      interval: 1m30s',
      '      retries: 4',
      '  web:',
      '    build: ./web',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"]',
      '      timeout: soon',
      '  worker:',
      '    build: ./worker',
      '    healthcheck:',
      '      test: pgrep worker',
      '  off:',
      '    build: ./off',
      '    healthcheck:',
      '      disable: true',
      '  none:',
      '    build: ./none',
      '    healthcheck:',
      '      test: ["NONE"]',
      '  env:',
      '    build: ./env',
      '    healthcheck:',
      '      test: ["CMD", "check", "${TOKEN}"]',
      '',
    ].join('\n');
    const byFile = Object.fromEntries(declared('compose', text).map((d) => [d.dockerfile, d.healthcheck]));
    // `$$` is compose's escape for a literal `$`; a value from the environment is not known here.
    assert.deepEqual(byFile['api/Dockerfile'], { test: { exec: ['curl', '-f', 'http://localhost:${PORT:-8080}/health'] }, interval: '1m30s', timeout: undefined, startPeriod: undefined, retries: 4 });
    assert.deepEqual(byFile['web/Dockerfile'], { test: { shell: 'wget -qO- http://localhost/ || exit 1' }, interval: undefined, timeout: undefined, startPeriod: undefined, retries: undefined });
    assert.deepEqual(byFile['worker/Dockerfile']?.test, { shell: 'pgrep worker' });
    assert.equal(byFile['off/Dockerfile'], undefined);
    assert.equal(byFile['none/Dockerfile'], undefined);
    assert.equal(byFile['env/Dockerfile'], undefined);
  });

  it('compose: build as a string, as a map (dockerfile relative to the context), with defaults interpolated; service, target and image for image roles', () => {
    const text = [
      'services:',
      '  web:',
      '    build: ./web',
      '  api:',
      '    build:',
      '      context: .',
      '      dockerfile: docker/api/Dockerfile',
      '  worker:',
      '    image: ghcr.io/acme/worker:${TAG:-dev}',
      '    build:',
      '      context: ${WORKER_DIR:-services/worker}',
      '      dockerfile: ../../docker/worker.Dockerfile',
      '      target: runtime',
      '  remote:',
      '    build: https://github.com/example/app.git#main',
      '  unknown:',
      '    build: ${SOMEWHERE}',
      '  image-only:',
      '    image: redis:7.2.5',
    ].join('\n');
    assert.deepEqual(declared('compose', text), [
      { dockerfile: 'web/Dockerfile', context: 'web', service: 'web' },
      { dockerfile: 'docker/api/Dockerfile', context: '.', service: 'api' },
      { dockerfile: 'docker/worker.Dockerfile', context: 'services/worker', service: 'worker', target: 'runtime', image: 'ghcr.io/acme/worker:dev' },
    ]);
  });

  it("compose: keys merged from an anchor (<<) count as the service's own, and services that run one image with their own commands are named", () => {
    // redash's shape: build only in an x- anchor, merged into three services with their own commands.
    const text = [
      'x-redash-service: &redash-service',
      '  build:',
      '    context: .',
      '  healthcheck:',
      '    test: ["CMD", "curl", "-f", "http://localhost:5000/ping"]',
      'x-env: &env',
      '  environment: {A: "1"}',
      'services:',
      '  server:',
      '    <<: *redash-service',
      '    command: server',
      '  scheduler:',
      '    <<: [*env, *redash-service]',
      '    command: scheduler',
      '    healthcheck:',
      '      disable: true',
      '  worker:',
      '    <<: *redash-service',
      '    command: worker',
      '  postgres:',
      '    image: postgres:16.4',
    ].join('\n');
    const found = declared('compose', text);
    assert.deepEqual(
      found.map((d) => [d.service, d.dockerfile, d.context, d.healthcheck ? 'healthcheck' : 'none', d.servicesWithOwnCommands]),
      [
        ['server', 'Dockerfile', '.', 'healthcheck', ['server', 'scheduler', 'worker']],
        ['scheduler', 'Dockerfile', '.', 'none', ['server', 'scheduler', 'worker']],
        ['worker', 'Dockerfile', '.', 'healthcheck', ['server', 'scheduler', 'worker']],
      ],
    );
  });

  it('compose: one command per image (or a dev and a prod file of the same service) is not several programs', () => {
    const one = declared('compose', 'services:\n  web:\n    build: .\n    command: ["gunicorn", "app:app"]\n  web-copy:\n    build: .\n    command: ["gunicorn", "app:app"]\n');
    assert.deepEqual(
      one.map((d) => d.servicesWithOwnCommands),
      [undefined, undefined],
    );
    // A service that only names the image another one builds, with its own command, counts.
    const byImage = declared('compose', 'services:\n  web:\n    build: .\n    image: acme/app:dev\n  jobs:\n    image: acme/app:dev\n    command: ["python", "-m", "jobs"]\n');
    assert.deepEqual(byImage[0].servicesWithOwnCommands, ['web']);
    // An alias that points at itself does not loop.
    const looped = declared('compose', 'x-a: &a\n  build: .\nservices:\n  web:\n    <<: *a\n');
    assert.deepEqual(
      looped.map((d) => d.dockerfile),
      ['Dockerfile'],
    );
  });

  it('GitHub: build-push-action context and file (file from the repository root), and docker build in run steps; target, tag and push for image roles', () => {
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
      '          push: true',
      '          target: release',
      '          tags: ghcr.io/o/app:1.2.3',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: services/api',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ${{ matrix.dir }}',
      '      - run: |',
      '          docker buildx build --push -t ghcr.io/o/w:1 --build-arg A=1 -f docker/web/Dockerfile .',
      '          docker build --target=test -t o/cli:ci services/cli',
      '          docker push o/cli:ci',
      '          docker build -t x:1 - < Dockerfile',
      '      - working-directory: tools',
      '        run: podman build --file=Containerfile.ci ..',
    ].join('\n');
    assert.deepEqual(declared('github-workflow', text), [
      { dockerfile: 'deploy/app.Dockerfile', context: '.', pushes: true, target: 'release', image: 'ghcr.io/o/app:1.2.3' },
      { dockerfile: 'services/api/Dockerfile', context: 'services/api' },
      { dockerfile: 'docker/web/Dockerfile', context: '.', image: 'ghcr.io/o/w:1', pushes: true },
      { dockerfile: 'services/cli/Dockerfile', context: 'services/cli', target: 'test', image: 'o/cli:ci', pushes: true },
      { dockerfile: 'tools/Containerfile.ci', context: '.' },
    ]);
  });

  it("GitHub: a composite action's runs.steps build as a job's steps do (homarr's prebuilt-debian action)", () => {
    const action = [
      'name: Prebuilt dependencies',
      'runs:',
      '  using: "composite"',
      '  steps:',
      '    - uses: docker/build-push-action@v7',
      '      with:',
      '        push: false',
      '        context: ./deployments/prebuilt-debian',
      '        tags: prebuilt-debian',
    ].join('\n');
    assert.deepEqual(declared('github-workflow', action), [{ dockerfile: 'deployments/prebuilt-debian/Dockerfile', context: 'deployments/prebuilt-debian', image: 'prebuilt-debian' }]);
  });

  it('GoReleaser: dockers and dockers_v2 push the Dockerfiles they name, unless skip_push; templated paths are skipped', () => {
    const config = [
      'dockers:',
      '  - dockerfile: management/Dockerfile',
      '    image_templates: ["netbirdio/management:{{ .Version }}", "netbirdio/management:latest"]',
      '  - dockerfile: client/Dockerfile',
      '    skip_push: true',
      '  - dockerfile: "{{ .Env.DOCKERFILE }}"',
      'dockers_v2:',
      '  - dockerfile: relay/Dockerfile',
      '    images: [netbirdio/relay]',
      '  - dockerfile: docker/Dockerfile-prebuilt',
      '    extra_files: [scripts/docker]',
    ].join('\n');
    assert.deepEqual(goreleaserBuilds(config), [
      { dockerfile: 'management/Dockerfile', context: 'management', image: 'netbirdio/management:latest', pushes: true },
      { dockerfile: 'client/Dockerfile', context: 'client' },
      { dockerfile: 'relay/Dockerfile', context: 'relay', image: 'netbirdio/relay', pushes: true },
      { dockerfile: 'docker/Dockerfile-prebuilt', context: '.', pushes: true },
    ]);
    assert.deepEqual(goreleaserBuilds('dockers: [unterminated'), []);
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
