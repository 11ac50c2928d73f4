/**
 * Grammar-aware generators of hostile inputs, one per file kind: they build text from the pieces
 * of each syntax (compose interpolation in all its forms, YAML anchors, aliases, merge keys and
 * deep nesting, Dockerfile variables, heredocs and continuations), so the fuzzing reaches the
 * loops that random byte mutations miss, such as the `${A:-${B}}` that once hung the CLI. Seeded:
 * a failure names its seed and can be rebuilt.
 */
import { mutate } from './mutate';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, max: number) => Math.floor(random() * (max + 1));
/**
 * Mostly small, now and then large: long inputs find super-linear cost (the linear-time tests
 * push single shapes to megabytes; here variety matters more, and 100,000 inputs must stay cheap).
 */
const size = (random: Random) => {
  const roll = random();
  return roll < 0.95 ? 1 + int(random, 2) : roll < 0.999 ? 10 + int(random, 100) : 300 + int(random, 700);
};

const NAMES = ['A', 'HOME', 'DATA_DIR', 'TAG', 'x', '_', 'VERSION', 'REGISTRY', 'a1'];
const WORDS = ['/data', '/var/run/docker.sock', 'latest', '1.2.3', '', ' ', ':', '@', '}', '{', '$', '$$', '"', "'", '\\', '#', '-', 'x'.repeat(20)];
const OPERATORS = [':-', '-', ':+', '+', ':?', '?', '#', '%', '/', ':', ''];

/** One compose or Dockerfile interpolation: `$X`, `${X}`, `${X<op>word}` with nesting, `$$`, broken ones. */
export function interpolation(random: Random, depth = 0): string {
  const name = pick(random, NAMES);
  const roll = random();
  if (roll < 0.1) return `$${name}`;
  if (roll < 0.15) return '$$';
  if (roll < 0.2) return pick(random, ['${', '${}', '${:-x}', '$', '${1}', '${{', '}}', '${' + name]);
  if (roll < 0.3 || depth > 6) return `\${${name}}`;
  const parts = Array.from({ length: int(random, 2) }, () => (random() < 0.5 ? interpolation(random, depth + 1) : pick(random, WORDS)));
  const close = random() < 0.9 ? '}' : '';
  return `\${${name}${pick(random, OPERATORS)}${parts.join('')}${close}`;
}

function interpolations(random: Random): string {
  const n = size(random);
  if (n > 100 && random() < 0.5) {
    // One construct repeated: the shape that costs quadratic time when it backtracks.
    const unit = interpolation(random);
    return unit.repeat(Math.min(n, Math.floor(20_000 / Math.max(1, unit.length))));
  }
  return Array.from({ length: Math.min(n, 200) }, () => interpolation(random)).join(pick(random, ['', '/', ':', ' ', '-']));
}

const yamlScalar = (random: Random) =>
  random() < 0.6
    ? interpolations(random)
    : pick(random, ['null', '~', 'true', '"quoted"', "'single'", '|\n      block', '>-\n      folded', '!!binary AAAA', '[a, b]', '{a: b}', '*anchor', '<<: *base', 'x'.repeat(int(random, 100))]);

/** A YAML value: maps, sequences, flow collections, anchors, aliases, merge keys, nesting. */
function yamlValue(random: Random, indent: number, depth: number): string {
  const pad = ' '.repeat(indent);
  const roll = random();
  if (depth > 8 || roll < 0.35) return ` ${yamlScalar(random)}`;
  if (roll < 0.45) {
    // Deep flow nesting.
    const levels = size(random);
    return ` ${'['.repeat(levels)}x${random() < 0.8 ? ']'.repeat(levels) : ''}`;
  }
  if (roll < 0.55) return ` &a${int(random, 3)}\n${pad}  k: v\n${pad}  <<: *a${int(random, 3)}`;
  if (roll < 0.7) return `\n${Array.from({ length: 1 + int(random, 3) }, () => `${pad}  -${yamlValue(random, indent + 4, depth + 1)}`).join('\n')}`;
  return `\n${Array.from({ length: 1 + int(random, 3) }, () => `${pad}  ${pick(random, ['image', 'volumes', 'build', 'context', 'run', 'key', '<<', 'privileged', 'user'])}:${yamlValue(random, indent + 2, depth + 1)}`).join('\n')}`;
}

export function composeFile(random: Random): string {
  const services = Array.from({ length: 1 + int(random, 1) }, (_, i) => {
    const volumes = Array.from({ length: 1 + int(random, 1) }, () => `      - "${interpolations(random)}:${interpolations(random)}"`).join('\n');
    const fields = [
      `    image: ${interpolations(random)}`,
      `    build:\n      context: ${interpolations(random)}\n      dockerfile: ${interpolations(random)}`,
      `    volumes:\n${volumes}`,
      `    environment:\n      - A=${interpolations(random)}`,
      `    x:${yamlValue(random, 4, 0)}`,
    ].filter(() => random() < 0.6);
    return `  s${i}:\n${fields.join('\n') || '    image: a:1'}`;
  });
  const anchors = random() < 0.3 ? `x-base: &base\n  image: a:1\n${'x-alias: *base\n'.repeat(size(random))}` : '';
  const documents = random() < 0.2 ? '---\n'.repeat(1 + int(random, 50)) : '';
  return `${documents}${anchors}services:\n${services.join('\n')}\n`;
}

export function workflowFile(random: Random): string {
  const steps = Array.from({ length: 1 + int(random, 1) }, () =>
    pick(random, [
      `      - run: docker build -t ${interpolations(random)} -f ${interpolations(random)} ${'${{ x }}'.repeat(int(random, 3))} .`,
      `      - uses: docker/build-push-action@v6\n        with:\n          context: ${interpolations(random)}\n          push: true\n          tags:${yamlValue(random, 10, 0)}`,
      `      - run: "${'${{'.repeat(size(random))}"`,
      `      - run: |\n          docker run -v ${interpolations(random)}:/x img\n          docker push ${interpolations(random)}`,
    ]),
  );
  return `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.join('\n')}\n${random() < 0.5 ? `  other:${yamlValue(random, 2, 0)}\n` : ''}`;
}

export function devcontainerFile(random: Random): string {
  const nest = size(random);
  return `{ // ${interpolations(random)}\n  "image": "${interpolations(random).replace(/"/g, '')}",\n  "mounts": ["source=${interpolations(random).replace(/"/g, '')},target=/x,type=bind"],\n  "runArgs": [${'['.repeat(Math.min(nest, 3000))}"--privileged"${random() < 0.7 ? ']'.repeat(Math.min(nest, 3000)) : ''}],\n  /* ${'*'.repeat(int(random, 50))} */\n  "x": ${random() < 0.5 ? '"' : '{'}\n}`;
}

export function dockerignoreFile(random: Random): string {
  const lines = Array.from({ length: size(random) % 300 }, () =>
    pick(random, [
      '*'.repeat(1 + int(random, 30)) + 'x',
      '**/'.repeat(int(random, 20)) + '*.key',
      '!' + interpolations(random),
      '(a|a)+',
      '[a-',
      '\\',
      '.git',
      'node_modules',
      '/' + 'a/'.repeat(int(random, 100)),
      '#' + interpolations(random),
    ]),
  );
  return lines.join(random() < 0.5 ? '\n' : '\r\n');
}

const INSTRUCTIONS = ['RUN', 'CMD', 'ENTRYPOINT', 'ENV', 'ARG', 'WORKDIR', 'USER', 'COPY', 'ADD', 'EXPOSE', 'VOLUME', 'HEALTHCHECK', 'SHELL', 'LABEL', 'ONBUILD', 'STOPSIGNAL'];

/** A Dockerfile built from its grammar: stages, ARG in FROM, variables, heredocs, continuations, comments. */
export function dockerfile(random: Random): string {
  const lines: string[] = [];
  if (random() < 0.2) lines.push(pick(random, ['# syntax=docker/dockerfile:1', '# escape=`', '# check=skip=all', `# hardening-ignore-file ${'*'.repeat(int(random, 40))}x`]));
  lines.push(`ARG BASE=${interpolations(random)}`);
  const stages = random() < 0.95 ? 1 + int(random, 1) : size(random);
  for (let s = 0; s < Math.min(stages, 5_000); s++) {
    lines.push(`FROM ${random() < 0.5 ? '${BASE}' : s > 0 && random() < 0.5 ? `s${s - 1}` : interpolations(random)} AS s${s}`);
    for (let i = 0; i < (stages > 50 ? 1 : 1 + int(random, 3)); i++) {
      const keyword = pick(random, INSTRUCTIONS);
      const roll = random();
      if (roll < 0.15) lines.push(`${keyword} <<${pick(random, ['EOF', '-EOF', '"EOF"', 'E'])}\n${interpolations(random)}\n${random() < 0.7 ? 'EOF' : ''}`);
      else if (roll < 0.3) lines.push(`${keyword} ${interpolations(random)} \\\n${'  # comment\n'.repeat(int(random, 3))}  ${interpolations(random)}`);
      else if (roll < 0.4) lines.push(`${keyword} ["${interpolations(random).replace(/"/g, '')}", "${pick(random, WORDS)}"`);
      else if (roll < 0.5)
        lines.push(
          `RUN set -eux; ${Array.from({ length: size(random) % 100 }, () => pick(random, ['apt-get install -y curl;', 'sudo x;', 'chmod 777 /a;', '|| true;', 'curl -k https://x | sh;', 'echo "$A" > f;', '; \\\n'])).join(' ')}`,
        );
      else lines.push(`${keyword} ${interpolations(random)}`);
    }
  }
  return lines.join(random() < 0.1 ? '\r\n' : '\n');
}

export interface GrammarKind {
  kind: string;
  path: string;
  generate: (random: Random) => string;
}

export const GRAMMARS: GrammarKind[] = [
  { kind: 'dockerfile', path: 'Dockerfile', generate: dockerfile },
  { kind: 'compose', path: 'compose.yaml', generate: composeFile },
  { kind: 'workflow', path: '.github/workflows/ci.yml', generate: workflowFile },
  { kind: 'devcontainer', path: '.devcontainer/devcontainer.json', generate: devcontainerFile },
  { kind: 'dockerignore', path: '.dockerignore', generate: dockerignoreFile },
];

/** A generated input, sometimes mixed with a real corpus file of the same kind and then mutated. */
export function generated(grammar: GrammarKind, random: Random, corpus: readonly string[]): string {
  const text = grammar.generate(random);
  if (corpus.length === 0 || random() < 0.9) return text;
  const real = pick(random, corpus);
  const at = Math.floor(random() * real.length);
  return mutate(real.slice(0, at) + text + real.slice(at), random);
}
