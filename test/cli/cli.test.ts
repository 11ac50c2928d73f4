import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { threadCount } from '../../server/src/cli/threads';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, input: options.input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dfh-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CLEAN = 'FROM registry.example.com/base:1.4.2\nUSER 1000:1000\nCMD ["true"]\n';

describe('dockerfile-hardening lint', () => {
  it('prints the JSON contract: exactly the documented keys, 1-based positions', () => {
    const root = project({ 'services/api/Dockerfile': 'FROM node:latest\nUSER node\nCMD ["node", "app.js"]\n' });
    const { code, stdout } = run(['lint', '--format', 'json', '.'], { cwd: root });
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(Object.keys(report), ['findings']);
    assert.deepEqual(report.findings, [
      {
        file: 'services/api/Dockerfile',
        rule: 'pin-base-image',
        group: 'pinning',
        severity: 'warning',
        message: 'node uses the "latest" tag, which moves with every release.',
        line: 1,
        column: 6,
        endLine: 1,
        endColumn: 17,
        role: 'service',
        roleReason: 'nothing says it does not ship',
      },
    ]);
  });

  it('judges findings by image role: a test image gets no USER finding, its latest tag is capped, and the JSON says why', () => {
    const root = project({ 'services/api/Dockerfile': 'FROM debian:12.5-slim\nCMD ["sleep", "1"]\n', 'e2e/Dockerfile': 'FROM debian:latest\nCMD ["sleep", "1"]\n' });
    const { stdout } = run(['lint', '--format', 'json', '.'], { cwd: root });
    const byFile = (file: string) => JSON.parse(stdout).findings.filter((f: { file: string; rule: string }) => f.file === file && f.rule === 'no-root-user');
    assert.deepEqual(
      byFile('services/api/Dockerfile').map((f: { severity: string; role: string }) => [f.severity, f.role]),
      [['warning', 'service']],
    );
    assert.deepEqual(byFile('e2e/Dockerfile'), []);
    const pins = JSON.parse(stdout).findings.filter((f: { file: string; rule: string }) => f.file === 'e2e/Dockerfile' && f.rule === 'pin-base-image');
    assert.deepEqual(
      pins.map((f: { role: string; roleReason: string }) => [f.role, f.roleReason]),
      [['test', 'it is in the e2e/ folder']],
    );
  });

  it('roles prints each Dockerfile and stage with its role and why; the config and a comment override it', () => {
    const root = project({
      'image/base/Dockerfile': 'FROM debian:12.5-slim AS deps\nRUN true\nFROM debian:12.5-slim\nCOPY --from=deps /etc/hostname /x\n',
      'image/app/Dockerfile': 'ARG from=acme/base:1\nFROM $from\nCMD ["app"]\n',
      'tools/lint.Dockerfile': 'FROM debian:12.5-slim\n',
      'tests/Dockerfile': '# hardening-role: service\nFROM debian:12.5-slim\n',
      'ci/Dockerfile': 'FROM debian:12.5-slim\n',
      '.dockerfile-hardening.json': JSON.stringify({ roles: { 'ci/Dockerfile': 'service' } }),
    });
    const { code, stdout } = run(['roles', '--format', 'json', '.'], { cwd: root });
    assert.equal(code, 0);
    const files = Object.fromEntries(JSON.parse(stdout).files.map((f: { file: string; role: string; why: string; stages: { role: string }[] }) => [f.file, f]));
    assert.equal(files['image/base/Dockerfile'].role, 'base');
    assert.equal(files['image/base/Dockerfile'].why, 'image/app/Dockerfile builds FROM it');
    assert.deepEqual(
      files['image/base/Dockerfile'].stages.map((s: { stage: string; role: string }) => [s.stage, s.role]),
      [
        ['deps', 'build'],
        ['1', 'base'],
      ],
    );
    assert.equal(files['image/app/Dockerfile'].role, 'service');
    assert.deepEqual([files['tools/lint.Dockerfile'].role, files['tools/lint.Dockerfile'].why], ['tool', 'its name says lint']);
    assert.deepEqual([files['tests/Dockerfile'].role, files['tests/Dockerfile'].why], ['service', 'the comment on line 1 says so']);
    assert.deepEqual([files['ci/Dockerfile'].role, files['ci/Dockerfile'].why], ['service', '.dockerfile-hardening.json says so']);
    const text = run(['roles', 'image'], { cwd: root }).stdout;
    assert.match(text, /^image\/base\/Dockerfile: base \(image\/app\/Dockerfile builds FROM it\)\n {5}1 {2}deps: build \(only what later stages copy from it reaches an image\)\n/m);
  });

  it('a pipeline with run: steps that pushes a Dockerfile in a dev/ folder makes it a shipped image, in roles and in lint', () => {
    // The pipeline's scripts go through the shell parser in the CLI's main thread: before it was
    // loaded there, such a pipeline declared nothing and the folder's word won.
    const root = project({
      'dev/build/Dockerfile': 'FROM node:24.4.1-alpine\nEXPOSE 3000\nCMD ["node", "server"]\n',
      '.github/workflows/build.yml': [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - run: echo "REL_VERSION=$(git describe)" >> "$GITHUB_ENV"',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          context: .',
        '          file: dev/build/Dockerfile',
        '          push: true',
        '          tags: requarks/wiki:canary',
        '',
      ].join('\n'),
    });
    const files = JSON.parse(run(['roles', '--format', 'json', '.'], { cwd: root }).stdout).files;
    assert.deepEqual(
      files.map((f: { file: string; role: string; why: string }) => [f.file, f.role, f.why]),
      [['dev/build/Dockerfile', 'service', '.github/workflows/build.yml pushes it']],
    );
    const rootUser = JSON.parse(run(['lint', '--format', 'json', '.'], { cwd: root }).stdout).findings.filter((f: { rule: string }) => f.rule === 'no-root-user');
    assert.deepEqual(
      rootUser.map((f: { file: string; severity: string; role: string }) => [f.file, f.severity, f.role]),
      [['dev/build/Dockerfile', 'warning', 'service']],
    );
  });

  it('a folder name stands for an image only when one Dockerfile lives in a folder of that name', () => {
    // zabbix: one Dockerfile per OS; `centos/` is the OS, not the quay.io/centos/centos image others build FROM.
    const root = project({
      'Dockerfiles/build-sqlite3/centos/Dockerfile': 'FROM zabbix-build-base:centos-7.0.5 AS builder\nRUN make\n',
      'Dockerfiles/agent/centos/Dockerfile': 'FROM quay.io/centos/centos:stream9-minimal\nCMD ["zabbix_agentd"]\n',
      'image/base/Dockerfile': 'FROM debian:12.5-slim\n',
      'image/app/Dockerfile': 'FROM discourse/base:2.0\nCMD ["app"]\n',
    });
    const files = Object.fromEntries(JSON.parse(run(['roles', '--format', 'json', '.'], { cwd: root }).stdout).files.map((f: { file: string; role: string }) => [f.file, f.role]));
    assert.equal(files['Dockerfiles/build-sqlite3/centos/Dockerfile'], 'service');
    assert.equal(files['Dockerfiles/agent/centos/Dockerfile'], 'service');
    assert.equal(files['image/base/Dockerfile'], 'base');
  });

  it("an untagged bare name is the image of the one Dockerfile in a folder of that name (Mailu's FROM base)", () => {
    // Mailu's bake file gives core/base/Dockerfile to the others as the named context `base`.
    const root = project({
      'core/base/Dockerfile': 'FROM alpine:3.21.2\n',
      'core/admin/Dockerfile': 'FROM base\nUSER 1000\nHEALTHCHECK CMD true\nCMD /start.py\n',
      'web/nginx/Dockerfile': 'FROM nginx:1.27.3\n',
      'web/proxy/Dockerfile': 'FROM nginx\nUSER 1000\nHEALTHCHECK CMD true\nCMD ["nginx"]\n',
    });
    const files = Object.fromEntries(JSON.parse(run(['roles', '--format', 'json', '.'], { cwd: root }).stdout).files.map((f: { file: string; role: string }) => [f.file, f.role]));
    assert.equal(files['core/base/Dockerfile'], 'base');
    const findings = JSON.parse(run(['lint', '--format', 'json', '.'], { cwd: root }).stdout).findings as { file: string; rule: string; severity: string }[];
    // `FROM nginx` next to a Dockerfile that wraps the official nginx is the official image: still reported.
    assert.deepEqual(
      findings.filter((f) => f.rule === 'pin-base-image').map((f) => f.file),
      ['web/proxy/Dockerfile'],
    );
    // The base is Alpine, whose busybox sh hands over to /start.py: a hint, not the dash warning.
    assert.deepEqual(
      findings.filter((f) => f.rule === 'exec-form').map((f) => [f.file, f.severity]),
      [['core/admin/Dockerfile', 'hint']],
    );
  });

  it('GoReleaser and composite actions are read for image roles', () => {
    const root = project({
      'management/Dockerfile': 'FROM gcr.io/distroless/base-debian12:nonroot\nCOPY netbird-mgmt /\nENTRYPOINT ["/netbird-mgmt"]\n',
      '.goreleaser.yaml': 'dockers:\n  - dockerfile: management/Dockerfile\n    image_templates: ["netbirdio/management:{{ .Version }}"]\n',
      '.github/workflows/test-infrastructure-files.yml': 'jobs:\n  t:\n    steps:\n      - run: docker build -f management/Dockerfile -t mgmt:test .\n',
      '.github/actions/prebuilt/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: docker/build-push-action@v7\n      with:\n        push: true\n        context: ./deployments/prebuilt\n',
      'deployments/prebuilt/Dockerfile': 'FROM node:22.4.1\nCMD ["node"]\n',
    });
    const files = Object.fromEntries(
      JSON.parse(run(['roles', '--format', 'json', '.'], { cwd: root }).stdout).files.map((f: { file: string; role: string; why: string }) => [f.file, `${f.role}: ${f.why}`]),
    );
    assert.equal(files['management/Dockerfile'], 'service: .goreleaser.yaml pushes it');
    assert.equal(files['deployments/prebuilt/Dockerfile'], 'service: .github/actions/prebuilt/action.yml pushes it');
  });

  it("a compose service that runs the published image by name with its own health check covers it (AppFlowy's appflowy_cloud)", () => {
    const files = (healthcheck: string) =>
      project({
        Dockerfile: 'FROM node:22.4.1-slim\nUSER node\nEXPOSE 8000\nCMD ["node", "server.js"]\n',
        '.github/workflows/release.yml': 'jobs:\n  r:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: org/app:latest\n',
        'docker-compose.yml': `services:\n  app:\n    image: org/app:\${APP_VERSION:-latest}\n${healthcheck}`,
      });
    const healthFindings = (root: string) => JSON.parse(run(['lint', '--format', 'json', '.'], { cwd: root }).stdout).findings.filter((f: { rule: string }) => f.rule === 'healthcheck-missing').length;
    assert.equal(healthFindings(files('    healthcheck:\n      test: curl --fail http://127.0.0.1:8000/api/health || exit 1\n')), 0);
    assert.equal(healthFindings(files('    restart: always\n')), 1, 'without its own check the image is still reported');
  });

  it("a compose file that builds only a dev Dockerfile is a development stack (watchtower's demo)", () => {
    const root = project({
      'dockerfiles/Dockerfile.dev-self-contained': 'FROM golang:1.23.4\nCMD ["go", "run", "."]\n',
      'docker-compose.yml':
        'services:\n  watchtower:\n    build:\n      context: ./\n      dockerfile: dockerfiles/Dockerfile.dev-self-contained\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
    });
    const socket = JSON.parse(run(['lint', '--format', 'json', '.'], { cwd: root }).stdout).findings.filter((f: { rule: string }) => f.rule === 'docker-socket-mount');
    assert.deepEqual(
      socket.map((f: { file: string; severity: string; role: string }) => [f.file, f.severity, f.role]),
      [['docker-compose.yml', 'info', 'dev']],
    );
  });

  it('searches folders recursively for every Dockerfile name, and nothing else', () => {
    const root = project({
      Dockerfile: 'FROM a\n',
      'svc/Containerfile': 'FROM a\n',
      'svc/api.Dockerfile': 'FROM a\n',
      'svc/Dockerfile.prod': 'FROM a\n',
      'web/Dockerfile-Alpine': 'FROM a\n',
      'web/Dockerfile_dev': 'FROM a\n',
      'web/Dockerfile-alpine.sh': 'echo not a Dockerfile\n',
      'svc/Dockerfile.dockerignore': '.git\n',
      'svc/Dockerfile.md': '# docs\n',
      'node_modules/pkg/Dockerfile': 'FROM a\n',
    });
    const { stdout } = run(['lint', '--format', 'json', '.'], { cwd: root });
    const files = [...new Set(JSON.parse(stdout).findings.map((f: { file: string }) => f.file))].sort();
    assert.deepEqual(files, ['Dockerfile', 'svc/Containerfile', 'svc/Dockerfile.prod', 'svc/api.Dockerfile', 'web/Dockerfile-Alpine', 'web/Dockerfile_dev']);
  });

  it('exits 0 when nothing reaches the threshold, 1 when something does', () => {
    const root = project({ Dockerfile: CLEAN, 'info/Dockerfile': 'FROM node:lts-slim\nUSER 1000\nCMD ["app"]\n' });
    assert.equal(run(['lint', 'Dockerfile'], { cwd: root }).code, 0);
    assert.equal(run(['lint', 'info/Dockerfile'], { cwd: root }).code, 0, 'info is below the default threshold');
    assert.equal(run(['lint', '--fail-on', 'info', 'info/Dockerfile'], { cwd: root }).code, 1);
  });

  it('exits 2 on usage errors and missing paths, with a message', () => {
    const root = project({ Dockerfile: CLEAN });
    const badFormat = run(['lint', '--format', 'xml', '.'], { cwd: root });
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /unknown format "xml"/);
    const missing = run(['lint', 'nope'], { cwd: root });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope: no such file or folder/);
    assert.equal(run(['frobnicate'], { cwd: root }).code, 2);
    assert.match(run(['lint', '--ignore', 'no-such-rule'], { cwd: root }).stderr, /no rule or group is named "no-such-rule"/);
  });

  it("each command takes its own options: another command's option is a usage error, not ignored", () => {
    const root = project({ Dockerfile: CLEAN });
    const lintExact = run(['lint', '--exact', '.'], { cwd: root });
    assert.equal(lintExact.code, 2);
    assert.match(lintExact.stderr, /Unknown option '--exact'/);
    const pinFix = run(['pin', '--fix', '.'], { cwd: root });
    assert.equal(pinFix.code, 2);
    assert.match(pinFix.stderr, /Unknown option '--fix'/);
    assert.equal(run(['rules', '--format', 'xml'], { cwd: root }).code, 2);
    assert.equal(run(['rules', '--format', 'json'], { cwd: root }).code, 0);
    const before = run(['--format', 'json', 'lint', '.'], { cwd: root });
    assert.equal(before.code, 2);
    assert.match(before.stderr, /a command comes first/);
  });

  it('a binary file found in a folder is skipped, with a message that names it and says why', () => {
    const root = project({ Dockerfile: CLEAN, 'bin/Dockerfile': 'FROM scratch\u0000\n' });
    const result = run(['lint', '.'], { cwd: root });
    assert.match(result.stderr, /bin\/Dockerfile: skipped, binary content \(NUL bytes\)/);
    assert.equal(result.code, 0, 'a binary file is not a Dockerfile the gate must read');
  });

  it('--ignore turns off a rule or a whole group', () => {
    const root = project({ Dockerfile: 'FROM node\nCMD node a.js\n' });
    const { stdout } = run(['lint', '--format', 'json', '--ignore', 'pinning', '--ignore', 'exec-form', '.'], { cwd: root });
    assert.deepEqual(
      JSON.parse(stdout).findings.map((f: { rule: string }) => f.rule),
      ['no-root-user'],
    );
  });

  it('--fix applies safe fixes in place, keeps CRLF and a BOM, and a second run changes nothing', () => {
    const original = "\uFEFFFROM registry.example.com/base:1.4.2\r\nUSER 1000\r\nCMD ['sh']\r\nCMD echo hi\r\n";
    const root = project({ Dockerfile: original });
    const first = run(['lint', '--fix', '.'], { cwd: root });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const fixed = readFileSync(join(root, 'Dockerfile'), 'utf8');
    assert.equal(fixed, '\uFEFFFROM registry.example.com/base:1.4.2\r\nUSER 1000\r\nCMD ["echo", "hi"]\r\n');
    run(['lint', '--fix', '.'], { cwd: root });
    assert.equal(readFileSync(join(root, 'Dockerfile'), 'utf8'), fixed);
  });

  it('reads a Dockerfile from stdin', () => {
    const { code, stdout } = run(['lint', '--format', 'json', '--stdin-filename', 'app/Dockerfile', '-'], { input: 'FROM node:latest\nUSER node\nCMD ["node", "app.js"]\n' });
    assert.equal(code, 1);
    assert.deepEqual(
      JSON.parse(stdout).findings.map((f: { file: string; rule: string }) => `${f.file} ${f.rule}`),
      ['app/Dockerfile pin-base-image'],
    );
  });

  it('survives a symlink loop and skips binary files with a message', () => {
    const root = project({ 'a/Dockerfile': CLEAN, 'b/Dockerfile': 'FROM x\u0000\u0001\n' });
    symlinkSync(join(root, 'a'), join(root, 'a', 'loop'));
    const { code, stdout, stderr } = run(['lint', '--format', 'json', '.'], { cwd: root });
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout).findings, []);
    assert.match(stderr, /b\/Dockerfile: skipped, binary content/);
  });

  it('hostile files of every kind: findings or a message per file, valid JSON, no stack trace', () => {
    const random = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join('');
    const root = project({
      'bytes/Dockerfile': random(50_000).replace(/\u0000/g, ''),
      'huge-line/Dockerfile': `FROM debian:12.5\nRUN echo ${'x'.repeat(2_000_000)}\n`,
      'heredoc/Dockerfile': 'FROM debian:12.5\nRUN <<EOF\necho never closed\n',
      'json/Dockerfile': 'FROM debian:12.5\nCMD ["a", \n',
      'empty/Dockerfile': '',
      'compose.yaml': 'services: [\n  {a: \n',
      '.devcontainer/devcontainer.json': '{"mounts": [{"source": ',
      '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps: {{{\n',
      Jenkinsfile: "sh '''docker build .",
      'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  volumes: [{hostPath: {path: [/var/run/docker.sock]}}]\n',
    });
    writeFileSync(join(root, 'big.Dockerfile'), `FROM debian:12.5\n${'RUN true\n'.repeat(700_000)}`);
    mkdirSync(join(root, 'Containerfile'));
    const { code, stdout, stderr } = run(['lint', '--format', 'json', '.'], { cwd: root });
    assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
    const report = JSON.parse(stdout) as { findings: { file: string; rule: string }[] };
    assert.ok(!report.findings.some((f) => f.file === 'k8s/pod.yaml'), 'a hostPath path that is a list is no socket path');
    // Parse errors of YAML/JSON files go to stderr (the JSON report lists rule findings only).
    assert.match(stderr, /compose\.yaml:2:\d+: .*\(checked as far as it parses\)/);
    assert.match(stderr, /big\.Dockerfile: skipped, larger than 5 MiB/);
    assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
  });

  it('--jobs: worker threads give the same report as one thread, in the same order', () => {
    const files: Record<string, string> = { 'compose.yaml': 'services:\n  a:\n    image: x:1.0.0\n    privileged: true\n', 'broken/compose.yaml': 'services: [\n' };
    for (let i = 0; i < 60; i++)
      files[`svc${i}/Dockerfile`] = `FROM node:${i % 3 === 0 ? 'latest' : '22.4.1-slim'}\nRUN apt-get update\nCOPY . /app\n${i % 2 ? 'USER node\n' : ''}CMD node /app/${i}.js\n`;
    const root = project(files);
    const one = run(['lint', '--format', 'json', '--jobs', '1', '.'], { cwd: root });
    const two = run(['lint', '--format', 'json', '--jobs', '3', '.'], { cwd: root });
    assert.equal(one.code, 1);
    assert.equal(two.code, one.code);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
    assert.ok(JSON.parse(one.stdout).findings.length > 100);
    assert.equal(run(['lint', '--jobs', '0', '.'], { cwd: root }).code, 2);
  });

  it('--jobs by default: worker threads only where two or more can run beside the main one', () => {
    assert.equal(threadCount(2327, null, 2), 1, 'two cores: one thread (V8 keeps the other busy)');
    assert.equal(threadCount(2327, null, 4), 3);
    assert.equal(threadCount(2327, null, 16), 15);
    assert.equal(threadCount(150, null, 16), 1, 'a small run is not worth starting threads');
    assert.equal(threadCount(450, null, 16), 4);
    assert.equal(threadCount(2327, 2, 2), 2, '--jobs is taken as given');
    assert.equal(threadCount(3, 8, 2), 3, 'never more threads than files');
  });

  it('prints stylish output grouped by file with a summary', () => {
    const root = project({ Dockerfile: 'FROM registry.example.com/node-app:22.4.1\nCMD node a.js\n' });
    const { stdout } = run(['lint', '.'], { cwd: root });
    assert.match(stdout, /^Dockerfile$/m);
    assert.match(stdout, / {2}2:5 {2}warning {2}CMD uses shell form.* {2}exec-form$/m);
    assert.match(stdout, /2 problems \(0 errors, 2 warnings, 0 info, 0 hints\)/);
    assert.match(stdout, /1 of them can be fixed with --fix\./);
    assert.doesNotMatch(stdout, /\u001b\[/, 'no colour when NO_COLOR is set or stdout is not a TTY');
  });

  it('lists the rules', () => {
    const { code, stdout } = run(['rules']);
    assert.equal(code, 0);
    assert.match(stdout, /^no-root-user\s+least-privilege\s+warning/m);
  });
});

describe('build contexts declared by compose and CI', () => {
  const DOCKERFILE = 'FROM registry.example.com/base:1.4.2\nCOPY . /srv\nUSER 1000:1000\nCMD ["/srv/run"]\n';
  const gaps = (stdout: string) => (JSON.parse(stdout) as { findings: { file: string; rule: string; message: string }[] }).findings.filter((f) => f.rule === 'dockerignore-gaps');

  it('judges COPY . against the context compose declares, not the Dockerfile folder', () => {
    const root = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.env': 'TOKEN=placeholder\n',
      'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api/Dockerfile\n',
      'docker/api/Dockerfile': DOCKERFILE,
      // Built with its own folder: nothing secret there, so no finding.
      'docker/cli/Dockerfile': DOCKERFILE,
    });
    const found = gaps(run(['lint', '--format', 'json', '.'], { cwd: root }).stdout);
    assert.deepEqual(
      found.map((f) => [f.file, f.message]),
      [['docker/api/Dockerfile', 'This copies the whole build context and there is no .dockerignore: .env, .git would go into the image.']],
    );
    // Linting the Dockerfile alone finds the compose file above it.
    const alone = gaps(run(['lint', '--format', 'json', 'docker/api/Dockerfile'], { cwd: root }).stdout);
    assert.equal(alone.length, 1);
  });

  it('uses the context of docker/build-push-action and of docker build -f in a workflow; the root .dockerignore is judged for that Dockerfile', () => {
    const root = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with: { context: ., file: deploy/web.Dockerfile }',
        '      - run: docker build -f deploy/worker/Dockerfile .',
      ].join('\n'),
      'deploy/web.Dockerfile': DOCKERFILE,
      'deploy/worker/Dockerfile': DOCKERFILE,
      id_rsa: 'not a key\n',
      '.dockerignore': '.git\n',
    });
    const found = gaps(run(['lint', '--format', 'json', '.'], { cwd: root }).stdout);
    assert.deepEqual(found.map((f) => f.file).sort(), ['.dockerignore', 'deploy/web.Dockerfile', 'deploy/worker/Dockerfile']);
    assert.ok(
      found.every((f) => f.message.includes('id_rsa')),
      JSON.stringify(found),
    );
  });
});
