/**
 * Inputs that drove a loop, a regular expression or a recursion past linear cost (found by an
 * audit of every input-driven loop, after a compose file with `${A:-${B}}` hung the CLI). Each
 * is sized so the old code took minutes (measured) and linear code takes well under a second;
 * the bound only tells a hang from linear work on a loaded machine.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { interpolateCompose, substitute } from '../../server/src/engine/dockerfile/variables';
import { TEST_NOW } from '../ruleTester';

const BOUND_MS = 20_000;

function lintsQuickly(path: string, text: string, label: string): void {
  const started = performance.now();
  const result = linter.lintFile(path, text, { now: TEST_NOW });
  const elapsed = performance.now() - started;
  assert.deepEqual(result.internalErrors, [], `${label}: internal errors`);
  assert.ok(elapsed < BOUND_MS, `${label}: took ${elapsed.toFixed(0)} ms`);
}

describe('hostile inputs cost linear time', () => {
  before(() => initEngine());

  it('compose and Dockerfile interpolation: nested, unterminated and every operator', () => {
    assert.deepEqual(interpolateCompose('${DATA:-${HOME}/data}:/data'), { value: '/data:/data', used: ['DATA', 'HOME'], unresolved: ['HOME'] });
    assert.equal(interpolateCompose('${A:-${B:-${C:-/deep}}}').value, '/deep');
    assert.equal(interpolateCompose('$$HOME ${A:+x} ${B-y}').value, '$HOME  y');
    assert.deepEqual(interpolateCompose('${A:?must be set}').unresolved, ['A']);
    assert.equal(interpolateCompose('${A:-${B}').value, '${A:-${B}');
    assert.equal(substitute('\\$HOME ${X:-1}', () => undefined).value, '$HOME 1');
    for (const text of ['${A:-'.repeat(200_000), '${A:-${B}'.repeat(100_000), `${'${A:-'.repeat(100)}x${'}'.repeat(100)}`, '$'.repeat(500_000), '${'.repeat(300_000)]) {
      const started = performance.now();
      interpolateCompose(text);
      substitute(text, () => 'v');
      assert.ok(performance.now() - started < BOUND_MS, text.slice(0, 20));
    }
  });

  it('the compose file that hung the CLI, and its relatives, lint at once', () => {
    const volumes = [
      '${DATA_DIR:-${HOME}/data}:/data',
      '${SOCK:-${XDG_RUNTIME_DIR}/docker.sock}:/var/run/docker.sock',
      '${A:-${B:-${C}}}:/c',
      '${UNTERMINATED:-/x',
      '$${ESCAPED}:/e',
      '${E:?required}:/r',
      '${F:+/alt}:/f',
    ];
    lintsQuickly(
      'compose.yaml',
      `services:\n  app:\n    image: nginx:1.27.0\n    volumes:\n${volumes.map((v) => `      - "${v}"`).join('\n')}\n    build:\n      context: \${CTX:-\${ROOT}/app}\n`,
      'nested defaults',
    );
    lintsQuickly('compose.yaml', `services:\n  app:\n    image: x:1.0.0\n    volumes:\n      - "${'${A:-'.repeat(100_000)}"\n`, '100,000 unterminated defaults');
  });

  it('wildcards in suppression comments and severity overrides', () => {
    lintsQuickly('Dockerfile', `# hardening-ignore-file ${'*'.repeat(40)}x\nFROM a:1.0.0\nADD https://e.com/a /a\n`, 'stars');
  });

  it('regular expressions over one long line', () => {
    const n = 1_000_000;
    const cases: [string, string, string][] = [
      ['Dockerfile', `FROM a:1.0.0\nRUN echo a${' '.repeat(n)}b\n`, 'trailing-space trim'],
      ['Dockerfile', `FROM a:1.0.0\nRUN echo ${'eyJ-'.repeat(n / 4)}\n`, 'JSON Web Token'],
      ['Dockerfile', `FROM a:1.0.0\n# ${'a-'.repeat(n / 2)}\nRUN echo ${'a-'.repeat(n / 2)}\n`, 'password in a URL'],
      ['Dockerfile', `FROM a:1.0.0\n# hadolint ignore=a${' '.repeat(n)}!\nRUN x\n`, 'hadolint comment'],
      ['Dockerfile', `FROM a:1.0.0\nRUN echo "${'['.repeat(200_000)}"\nRUN echo "[${' '.repeat(200_000)}trusted=yes] x y"\n`, 'apt trusted=yes'],
      ['Dockerfile', `FROM a:1.0.0\nRUN chmod ${'o'.repeat(200_000)} f\n`, 'chmod mode'],
      ['.github/workflows/ci.yml', `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: "docker build ${'${{'.repeat(n / 3)}"\n`, 'GitHub expressions'],
      ['Jenkinsfile', `node { sh '''docker build ${'${'.repeat(n / 2)}''' }\n`, 'Groovy interpolation'],
      ['Jenkinsfile', `node { sh${' '.repeat(n)}x }\n`, 'Jenkins step'],
      ['Jenkinsfile', `node { ${'withEnv(['.repeat(n / 10)} }\n`, 'withEnv'],
    ];
    for (const [path, text, label] of cases) lintsQuickly(path, text, label);
  });

  it('thousands of suppression comments, in Dockerfiles and YAML', () => {
    lintsQuickly('Dockerfile', `FROM a:1.0.0\n${'# hardening-ignore foo\nRUN sudo x\n'.repeat(30_000)}`, 'Dockerfile comments');
    lintsQuickly('compose.yaml', `${'# hardening-ignore x\n'.repeat(30_000)}services:\n  a:\n    image: x:1.0.0\n    privileged: true\n`, 'YAML comments');
  });

  it('a chain of 10,000 stages each built FROM the one before', () => {
    const stages = Array.from({ length: 10_000 }, (_, i) => `FROM ${i === 0 ? 'debian:12.5' : `s${i - 1}`} AS s${i}`).join('\n');
    lintsQuickly('Dockerfile', `${stages}\nWORKDIR /app\nSHELL ["/bin/bash", "-c"]\nRUN echo hi\nCOPY a b\n`, 'stage chain');
  });

  it('10,000 secret-named ARGs and ENVs, each used by a RUN', () => {
    const declarations = Array.from({ length: 10_000 }, (_, i) => `ARG A${i}_TOKEN=abc\nENV B${i}_PASSWORD=x\nARG C${i}_SECRET\nRUN echo $C${i}_SECRET`).join('\n');
    lintsQuickly('Dockerfile', `FROM a:1.0.0\n${declarations}\n`, 'secret declarations');
  });

  it('a devcontainer.json nested 20,000 deep is a syntax error, not a crash', () => {
    const result = linter.lintFile('.devcontainer/devcontainer.json', `{"a": ${'['.repeat(20_000)}`, { now: TEST_NOW });
    assert.deepEqual(result.internalErrors, []);
    assert.match(result.syntaxErrors?.[0]?.message ?? '', /nested more than 1000 levels/);
  });

  it('a YAML file that does not parse gives one error, and valid multi-document YAML none', () => {
    const broken = linter.lintFile('compose.yaml', `services:\n  a: [\n${'    - x: y\n  b: {\n'.repeat(50)}`, { now: TEST_NOW });
    assert.equal(broken.syntaxErrors?.length, 1);
    assert.match(broken.syntaxErrors![0].message, /and \d+ more YAML errors after it/);
    for (const [path, text] of [
      ['compose.yaml', 'services:\n  a:\n    image: x:1.0.0\n---\nservices:\n  b:\n    image: y:1.0.0\n'],
      ['.gitlab-ci.yml', 'spec:\n  inputs:\n    tag:\n      default: "1"\n---\nbuild:\n  script: docker build .\n'],
      ['compose.yaml', 'services:\n  a:\n    image: x:1.0.0\n    image: x:1.0.1\n'],
    ])
      assert.deepEqual(linter.lintFile(path, text, { now: TEST_NOW }).syntaxErrors, [], text);
  });
});
