import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { linter } from '../../server/src/defaultLinter';
import { buildModel } from '../../server/src/engine/dockerfile/model';
import { initEngine } from '../../server/src/engine/linter';
import { documentRole, fileRole, stageRoles, type RoleFacts } from '../../server/src/engine/roles';
import { lines } from '../ruleTester';

const ONE_STAGE = lines('FROM debian:12.5-slim', 'CMD ["sleep", "1"]');
const role = (path: string | null, facts: RoleFacts | null = null, text = ONE_STAGE) => {
  const judged = fileRole(buildModel(text), path, facts);
  return `${judged.role}: ${judged.why}`;
};

describe('image roles', () => {
  before(() => initEngine());

  it('reads the file name and folders, nearest folder first, and words of a folder name', () => {
    assert.equal(role('Dockerfile'), 'service: nothing says it does not ship');
    assert.equal(role('docker/Dockerfile.dev'), 'dev: its name says dev');
    assert.equal(role('e2e.Dockerfile'), 'test: its name says e2e');
    assert.equal(role('images/Dockerfile.base'), 'base: its name says base');
    assert.equal(role('.devcontainer/Dockerfile'), 'dev: it is in .devcontainer/');
    assert.equal(role('services/api/integration-tests/Dockerfile'), 'test: it is in the integration-tests/ folder');
    assert.equal(role('image/discourse_dev/Dockerfile'), 'dev: it is in the discourse_dev/ folder');
    assert.equal(role('packaging/rpm/Dockerfile'), 'tool: it is in the packaging/ folder');
    // Holdout repositories: authelia's integration suites and coverage image, homepage's Tilt image.
    assert.equal(role('internal/suites/example/compose/duo-api/Dockerfile'), 'test: it is in the suites/ folder');
    assert.equal(role('Dockerfile.coverage'), 'test: its name says coverage');
    assert.equal(role('Dockerfile-tilt'), 'dev: its name says tilt');
    // An image that only builds what another copies out; a build/ folder says nothing.
    assert.equal(role('container/builder.dockerfile'), 'build: its name says builder');
    assert.equal(role('build/docker/Dockerfile'), 'service: nothing says it does not ship');
    // Words inside other words are not evidence: "latest", "devops", "contest".
    assert.equal(role('devops/latest/Dockerfile'), 'service: nothing says it does not ship');
  });

  it('counts only the path from the repository root when the caller gives it', () => {
    assert.equal(role('/home/me/dev/shop/Dockerfile', { repositoryPath: 'Dockerfile' }), 'service: nothing says it does not ship');
  });

  it("the user's word wins: a comment, then the config", () => {
    const commented = lines('# hardening-role: tool', 'FROM debian:12.5-slim');
    assert.equal(role('Dockerfile', null, commented), 'tool: the comment on line 1 says so');
    assert.equal(role('test/Dockerfile', { configured: { role: 'service', source: '.dockerfile-hardening.json' } }), 'service: .dockerfile-hardening.json says so');
    // An unknown role in a comment is no evidence.
    assert.equal(role('Dockerfile', null, lines('# hardening-role: production', 'FROM debian:12.5-slim')), 'service: nothing says it does not ship');
  });

  it('a base others build FROM; a push ships it over a folder; compose files for dev and tests', () => {
    assert.equal(role('image/base/Dockerfile', { baseOf: ['image/app/Dockerfile', 'image/test/Dockerfile'] }), 'base: image/app/Dockerfile and 1 more build FROM it');
    assert.equal(role('tools/Dockerfile', { builds: [{ declaredIn: '.github/workflows/release.yml', pushes: true }] }), 'service: .github/workflows/release.yml pushes it');
    assert.equal(role('Dockerfile', { builds: [{ declaredIn: 'docker-compose.test.yml', service: 'sut' }] }), 'test: docker-compose.test.yml builds it');
    // A pipeline named for tests builds the released images to test them (netbird's
    // test-infrastructure-files.yml): no evidence that they do not ship.
    assert.equal(role('management/Dockerfile', { builds: [{ declaredIn: '.github/workflows/test-infrastructure-files.yml' }] }), 'service: nothing says it does not ship');
    assert.equal(role('Dockerfile', { builds: [{ declaredIn: 'compose.override.yaml', service: 'web' }] }), 'dev: compose.override.yaml builds it');
    assert.equal(
      role('Dockerfile', {
        builds: [
          { declaredIn: 'docker-compose.dev.yml', service: 'web' },
          { declaredIn: 'docker-compose.yml', service: 'web' },
        ],
      }),
      'service: service "web" of docker-compose.yml builds it',
    );
  });

  it('what the image starts: a development command is a dev image; no program on a shell image is a tool, once the repository is in view', () => {
    // Holdout repositories: shiori's Dockerfile.compose (go run), listmonk's dev image (one-word "sleep infinity").
    assert.equal(role('Dockerfile.compose', null, lines('FROM golang:1.22-alpine', 'ENTRYPOINT ["go", "run", "main.go"]', 'CMD ["server"]')), 'dev: it starts go run, a development command');
    assert.equal(role('Dockerfile', null, lines('FROM node:16', 'CMD [ "sleep infinity" ]')), 'dev: it starts sleep infinity, a development command');
    assert.equal(role('app/Dockerfile', null, lines('FROM python:3.12-slim', 'CMD python manage.py runserver 0.0.0.0:8000')), 'dev: it starts manage.py runserver, a development command');
    assert.equal(role('Dockerfile', null, lines('FROM node:22', 'CMD ["npm", "run", "dev"]')), 'dev: it starts npm run dev, a development command');
    // A pipeline that pushes it says more than its command.
    assert.equal(
      role('Dockerfile', { builds: [{ declaredIn: '.github/workflows/release.yml', pushes: true }] }, lines('FROM node:22', 'CMD ["npm", "run", "dev"]')),
      'service: .github/workflows/release.yml pushes it',
    );
    // navidrome's msitools.dockerfile: alpine, packages, no CMD: run with a command by a Makefile.
    const msitools = lines('FROM alpine', 'RUN apk update && apk add jq msitools', 'WORKDIR /workspace');
    assert.equal(
      role('release/wix/msitools.dockerfile', { repositoryPath: 'release/wix/msitools.dockerfile' }, msitools),
      'tool: it sets no CMD or ENTRYPOINT on alpine, so it starts no program of its own: it is run with a command',
    );
    // AdGuardHome's frontend.Dockerfile ends in an export stage: files on scratch, nothing to run.
    assert.equal(
      role(
        'docker/frontend.Dockerfile',
        { repositoryPath: 'docker/frontend.Dockerfile' },
        lines('FROM node:24.11.1 AS build', 'RUN make js', 'FROM scratch AS export', 'COPY --from=build /app/build /build'),
      ),
      'build: it only copies files onto scratch, with no CMD or ENTRYPOINT: its files are build output, and nothing runs in it',
    );
    // .NET's chiseled runtime-deps: a root file system on scratch with ENV and USER is a base to run on, not an export.
    assert.equal(
      role(
        'Dockerfile',
        { repositoryPath: 'Dockerfile' },
        lines('FROM ubuntu:24.04 AS chisel', 'RUN make-rootfs', 'FROM scratch', 'COPY --from=chisel /rootfs /', 'ENV APP_UID=1654', 'USER $APP_UID'),
      ),
      'service: nothing says it does not ship',
    );
    // Seen alone (stdin, a file being written) it may not have its CMD yet; an EXPOSE or a base with its own command (nginx) ships.
    assert.equal(role('Dockerfile', null, msitools), 'service: nothing says it does not ship');
    assert.equal(role('Dockerfile', { repositoryPath: 'Dockerfile' }, lines('FROM alpine:3.22', 'EXPOSE 8080')), 'service: nothing says it does not ship');
    assert.equal(role('Dockerfile', { repositoryPath: 'Dockerfile' }, lines('FROM nginx:1.27', 'COPY site /usr/share/nginx/html')), 'service: nothing says it does not ship');
    // A compose file in a dev folder builds a dev image (listmonk's dev/docker-compose.yml).
    assert.equal(role('dev/app.Dockerfile', { builds: [{ declaredIn: 'dev/docker-compose.yml', service: 'backend' }] }), 'dev: dev/docker-compose.yml builds it');
  });

  it('compose files and dev containers have roles too: by name, by folder, or as the user says', () => {
    const judged = (kind: 'compose' | 'devcontainer' | 'github-workflow', path: string, facts: RoleFacts | null = null) => {
      const j = documentRole(kind, path, facts);
      return j ? `${j.role}: ${j.why}` : null;
    };
    assert.equal(judged('devcontainer', '.devcontainer/devcontainer.json'), 'dev: it is a dev container');
    assert.equal(judged('compose', 'docker-compose.test.yml'), 'test: its name says test');
    assert.equal(judged('compose', 'compose.override.yaml'), 'dev: its name says dev');
    assert.equal(judged('compose', 'tests/integration/docker-compose.yml'), 'test: it is in the integration/ folder');
    // A plain compose file is judged by what it runs, not by its name; pipelines have no role.
    assert.equal(judged('compose', 'docker-compose.yml'), null);
    assert.equal(judged('compose', 'deploy/compose.yaml'), null);
    assert.equal(judged('github-workflow', '.github/workflows/e2e.yml'), null);
    assert.equal(judged('compose', 'test/docker-compose.yml', { configured: { role: 'service', source: '.dockerfile-hardening.json' } }), 'service: .dockerfile-hardening.json says so');
    // watchtower's demo stack builds only its dev Dockerfile: a development environment. One that
    // also builds an image with no such name is judged as a deployment.
    assert.equal(
      judged('compose', 'docker-compose.yml', { buildsDockerfiles: ['dockerfiles/Dockerfile.dev-self-contained'] }),
      'dev: it builds only dockerfiles/Dockerfile.dev-self-contained, a development image',
    );
    assert.equal(judged('compose', 'docker-compose.yml', { buildsDockerfiles: ['dockerfiles/Dockerfile.dev-self-contained', 'Dockerfile'] }), null);
    assert.equal(judged('compose', 'docker-compose.yml', { buildsDockerfiles: ['e2e/Dockerfile'] }), null, 'a folder is weaker evidence than the file name');
    // The linter applies them: the socket in a test compose file is not reported, in a dev one it is info, in the main one an error.
    const socket = lines('services:', '  backup:', '    image: myorg/backup:1.2.0', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock');
    const severities = (path: string) =>
      linter
        .lintFile(path, socket)
        .findings.filter((f) => f.ruleId === 'docker-socket-mount')
        .map((f) => [f.severity, f.role?.role ?? null]);
    assert.deepEqual(severities('docker-compose.yml'), [['error', null]]);
    assert.deepEqual(severities('docker-compose.e2e.yml'), []);
    assert.deepEqual(severities('docker-compose.dev.yml'), [['info', 'dev']]);
    // A compose file that starts a browser test runner is an end-to-end environment (dozzle's root docker-compose.yml).
    const e2e = lines(
      'services:',
      '  app:',
      '    build: .',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock:ro',
      '  playwright:',
      '    image: mcr.microsoft.com/playwright:v1.62.1-jammy',
      '    command: npx --yes playwright test',
    );
    assert.deepEqual(
      linter.lintFile('docker-compose.yml', e2e).findings.filter((f) => f.ruleId === 'docker-socket-mount'),
      [],
    );
    const withoutRunner = e2e.split('\n').slice(0, 5).join('\n');
    assert.deepEqual(severities('docker-compose.yml'), [['error', null]], 'the same socket without a test runner is a deployment');
    assert.equal(linter.lintFile('docker-compose.yml', withoutRunner).findings.filter((f) => f.ruleId === 'docker-socket-mount').length, 1);
  });

  it('stages: the final one and what it builds on take the file role; targets and names; the rest are build-only', () => {
    const text = lines(
      'FROM node:22.4.1 AS deps',
      'RUN npm ci',
      'FROM deps AS dev',
      'CMD ["npm", "run", "dev"]',
      'FROM node:22.4.1 AS assets',
      'RUN npm run build',
      'FROM deps AS runtime',
      'COPY --from=assets /app/dist ./dist',
      'FROM runtime AS e2e',
      'FROM runtime',
      'CMD ["node", "server.js"]',
    );
    const model = buildModel(text);
    const roles = stageRoles(model, 'Dockerfile', { builds: [{ declaredIn: 'compose.yaml', service: 'web', target: 'e2e' }] });
    assert.deepEqual(
      model.stages.map((s) => `${s.alias ?? s.index} ${roles.get(s)!.role}`),
      ['deps service', 'dev dev', 'assets build', 'runtime service', 'e2e test', '5 service'],
    );
    assert.equal(roles.get(model.stages[0])!.why, 'stage 5 builds on it, and nothing says it does not ship');
  });

  it("the linter applies each rule's roles: off, or capped at a lower severity, and says which role it judged", () => {
    const rootUser = (path: string) => linter.lintFile(path, ONE_STAGE).findings.filter((f) => f.ruleId === 'no-root-user');
    assert.deepEqual(
      rootUser('Dockerfile').map((f) => [f.severity, f.role?.role]),
      [['warning', 'service']],
    );
    assert.deepEqual(rootUser('test/Dockerfile'), []);
    assert.deepEqual(rootUser('Dockerfile.dev'), []);
    // A cap: `latest` in a test image is a hint, whatever severity the user gave the rule;
    // setting the role is how to change it.
    const pins = (path: string, from: string) =>
      linter
        .lintFile(path, lines(`FROM ${from}`, 'USER 1000'), { severityOverrides: [{ rule: 'pin-base-image', severity: 'error' }] })
        .findings.filter((f) => f.ruleId === 'pin-base-image')
        .map((f) => [f.severity, f.role?.role]);
    assert.deepEqual(pins('Dockerfile', 'debian:latest'), [['error', 'service']]);
    assert.deepEqual(pins('test/Dockerfile', 'debian:latest'), [['hint', 'test']]);
    // A report that only matters where the image ships (a rolling or major tag) is dropped, not capped.
    assert.deepEqual(pins('Dockerfile', 'debian:bookworm-slim'), [['error', 'service']]);
    assert.deepEqual(pins('test/Dockerfile', 'debian:bookworm-slim'), []);
    // Build-only stages: a health check is not asked for, merge advice is off, the final stage still gets both.
    // The build stage has a RUN pair that merge advice would report in a stage that ships.
    const twoStages = lines('FROM golang:1.22.5 AS build', 'RUN touch /tmp/a', 'RUN rm /tmp/a', 'FROM debian:12.5-slim', 'COPY --from=build /app /app', 'EXPOSE 8080', 'CMD ["/app"]');
    const findings = linter.lintFile('Dockerfile', twoStages).findings;
    assert.ok(findings.every((f) => f.range.start.line >= 3 || f.role?.role === 'build'));
    assert.deepEqual(
      findings.filter((f) => f.range.start.line < 3).map((f) => f.ruleId),
      [],
    );
    assert.ok(findings.some((f) => f.ruleId === 'healthcheck-missing' && f.role?.role === 'service'));
  });

  it('a pushed image that only unpushed Dockerfiles build FROM ships; one a pushed image builds on is a base', () => {
    const pushed = { builds: [{ declaredIn: '.github/workflows/build.yml', pushes: true }] };
    assert.equal(role('dev/build/Dockerfile', { ...pushed, baseOf: ['dev/openshift/Dockerfile'] }), 'service: .github/workflows/build.yml pushes it');
    assert.equal(role('image/base/Dockerfile', { ...pushed, baseOf: ['image/app/Dockerfile'], pushedBaseOf: ['image/app/Dockerfile'] }), 'base: image/app/Dockerfile builds FROM it');
    assert.equal(role('image/base/Dockerfile', { baseOf: ['image/app/Dockerfile'] }), 'base: image/app/Dockerfile builds FROM it');
  });

  it('a stage a pipeline builds without pushing ships no more than the file; one it pushes ships', () => {
    const text = lines('FROM node:22.4.1 AS deps', 'RUN npm ci', 'FROM deps AS checks', 'RUN npm run lint', 'FROM scratch', 'COPY --from=deps /app/dist /dist');
    const judged = (facts: RoleFacts) => {
      const model = buildModel(text);
      const roles = stageRoles(model, 'docker/frontend.Dockerfile', facts);
      return `${roles.get(model.stages[1])!.role}: ${roles.get(model.stages[1])!.why}`;
    };
    assert.equal(
      judged({ repositoryPath: 'docker/frontend.Dockerfile', builds: [{ declaredIn: '.github/workflows/ci.yml', target: 'checks' }] }),
      'build: .github/workflows/ci.yml builds it without pushing it, and it only copies files onto scratch, with no CMD or ENTRYPOINT: its files are build output, and nothing runs in it',
    );
    assert.equal(
      judged({ repositoryPath: 'docker/frontend.Dockerfile', builds: [{ declaredIn: '.github/workflows/ci.yml', target: 'checks', pushes: true }] }),
      'service: .github/workflows/ci.yml builds it and pushes it',
    );
  });

  it('a builder whose output only reaches test or dev images is judged no louder than they are, and says so', () => {
    // semaphore's Dredd harness: its builder installs a tool with curl | sh.
    const harness = lines(
      'FROM golang:1.22.5 AS builder',
      'RUN curl -sL https://taskfile.dev/install.sh | sh',
      'FROM debian:12.5-slim',
      'COPY --from=builder /go/bin/task /usr/local/bin/task',
      'CMD ["task"]',
    );
    const pipes = (path: string) =>
      linter
        .lintFile(path, harness)
        .findings.filter((f) => f.ruleId === 'pipe-to-shell')
        .map((f) => `${f.severity} ${f.role?.role}: ${f.role?.why}`);
    assert.deepEqual(pipes('Dockerfile'), ['warning build: only what later stages copy from it reaches an image']);
    assert.deepEqual(pipes('tests/dredd/Dockerfile'), ['info build: only what later stages copy from it reaches an image, and its output only reaches a test image']);
    // Output that reaches a shipped stage too keeps the build stage's severity.
    const shared = lines(
      'FROM golang:1.22.5 AS builder',
      'RUN curl -sL https://taskfile.dev/install.sh | sh',
      'FROM builder AS test',
      'RUN task test',
      'FROM debian:12.5-slim',
      'COPY --from=builder /go/bin/task /usr/local/bin/task',
    );
    const model = buildModel(shared);
    const roles = stageRoles(model, 'Dockerfile', null);
    assert.equal(roles.get(model.stages[0])!.feeds, undefined);
    assert.equal(roles.get(model.stages[1])!.role, 'test');
  });
});
