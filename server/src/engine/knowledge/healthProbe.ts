/**
 * What a suggested HEALTHCHECK probes and with what. The check must pass whenever the service
 * answers (any HTTP status: a 404 at "/" is a healthy service with no page there) and fail
 * when nothing listens, so each probe treats a response as healthy and only a refused or timed
 * out connection as unhealthy.
 */
import type { BaseFacts } from './baseImages';
import { toExecForm } from '../edits/edits';
import { commandForm } from '../dockerfile/execForm';
import { type DockerfileModel, type Stage } from '../dockerfile/model';
import { argumentsText, keywordOf } from '../dockerfile/instructions';
import { containerCommand, lineage } from '../dockerfile/stageLineage';
import { variablesAt } from '../dockerfile/stageVariables';
import { parseShell } from '../../shell/parser';
import { substitute } from '../dockerfile/variables';

export interface ListeningPort {
  port: number;
  /** Where the port came from, for the fix's title. */
  source: 'command' | 'env' | 'expose' | 'image';
}

/**
 * The port the service listens on: the command's own flag (`--port 8000`, `--bind 0.0.0.0:8000`)
 * wins over ENV PORT, which wins over EXPOSE (documentation only), then the image's default.
 */
export function listeningPort(model: DockerfileModel, stage: Stage, defaultPort: number | null): ListeningPort | null {
  const fromCommand = commandPort(model, stage);
  if (fromCommand !== null) return { port: fromCommand, source: 'command' };
  const fromEnv = envPort(model, stage);
  if (fromEnv !== null) return { port: fromEnv, source: 'env' };
  const exposed = exposedPort(model, stage);
  if (exposed !== null) return { port: exposed, source: 'expose' };
  return defaultPort !== null ? { port: defaultPort, source: 'image' } : null;
}

const PORT_FLAGS = new Set(['--port', '-p', '--http-port', '--listen-port', '--server.port', '--bind', '-b', '--listen', '-l', '--address', '--addr', '--host-port']);

function commandPort(model: DockerfileModel, stage: Stage): number | null {
  const { entrypoint, cmd } = containerCommand(stage);
  const words: string[] = [];
  for (const found of [entrypoint, cmd]) {
    if (!found) continue;
    const form = commandForm(model, found.instruction);
    if (form.kind === 'exec') {
      // `["sh", "-c", "gunicorn -b :8000 app"]`: the script's words count too.
      for (const arg of form.argv) words.push(...(arg.includes(' ') ? shellWords(arg) : [arg]));
    } else if (form.kind === 'shell') words.push(...shellWords(form.text));
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const eq = word.indexOf('=');
    const flag = eq > 0 ? word.slice(0, eq) : word;
    if (!PORT_FLAGS.has(flag)) continue;
    const value = eq > 0 ? word.slice(eq + 1) : words[i + 1];
    const port = portOf(value);
    if (port !== null) return port;
  }
  return null;
}

function shellWords(text: string): string[] {
  const script = parseShell(text);
  if (script.hasErrors) return text.split(/\s+/);
  return script.commands.flatMap((c) => [c.name?.value ?? '', ...c.args.map((a) => a.value ?? a.text)]);
}

/** `8000`, `:8000`, `0.0.0.0:8000`, `[::]:8000`, `tcp://0.0.0.0:8000`. */
function portOf(value: string | undefined): number | null {
  if (!value) return null;
  const match = /^(?:[a-z]+:\/\/)?(?:(?:\[[^\]]*\]|[^:/]*):)?(\d{1,5})$/i.exec(value);
  if (!match) return null;
  const port = Number(match[1]);
  return port > 0 && port < 65536 ? port : null;
}

function envPort(model: DockerfileModel, stage: Stage): number | null {
  for (const s of lineage(stage)) {
    for (let i = s.instructions.length - 1; i >= 0; i--) {
      const instruction = s.instructions[i];
      if (keywordOf(instruction) !== 'ENV') continue;
      const match = /(?:^|\s)PORT=["']?(\d{1,5})["']?(?:\s|$)/.exec(argumentsText(model, instruction));
      if (match) return portOf(match[1]);
    }
  }
  return null;
}

/** The first TCP port the image exposes, with ARG/ENV values resolved. */
function exposedPort(model: DockerfileModel, stage: Stage): number | null {
  for (const s of lineage(stage)) {
    for (const instruction of s.instructions) {
      if (keywordOf(instruction) !== 'EXPOSE') continue;
      const lookup = variablesAt(model, s, instruction);
      for (const word of argumentsText(model, instruction).split(/\s+/)) {
        const { value, unresolved } = substitute(word, lookup, model.escapeChar);
        const match = /^(\d+)(?:-\d+)?(?:\/(tcp|udp))?$/i.exec(value);
        if (unresolved.length === 0 && match && match[2]?.toLowerCase() !== 'udp') return Number(match[1]);
      }
    }
  }
  return null;
}

export interface Probe {
  /** The HEALTHCHECK's CMD arguments: shell text or an exec-form array. */
  command: string;
  tool: string;
}

/**
 * A probe from the tools the image has, best first. Every one exits 0 or 1 (Docker reserves 2).
 * `installed`: packages the Dockerfile installs itself.
 */
export function httpProbe(facts: BaseFacts, installed: ReadonlySet<string>, port: number): Probe | null {
  const url = `http://127.0.0.1:${port}/`;
  const has = (tool: string, ...packages: string[]) => facts.tools.has(tool as never) || packages.some((p) => installed.has(p));
  // Without -f, curl exits 0 on any HTTP response and 7 or 28 when nothing answers.
  if (has('curl', 'curl')) return { tool: 'curl', command: `curl -sS -o /dev/null --max-time 4 ${url} || exit 1` };
  if (has('python', 'python3', 'python3-minimal', 'python-is-python3')) {
    const python = facts.tools.has('python') && facts.family !== 'distroless' ? 'python' : 'python3';
    return {
      tool: python,
      command: toExecForm([python, '-c', `import http.client as h; c = h.HTTPConnection('127.0.0.1', ${port}, timeout=4); c.request('GET', '/'); c.getresponse()`]),
    };
  }
  if (has('node', 'nodejs')) {
    const node = facts.family === 'distroless' ? '/nodejs/bin/node' : 'node';
    return {
      tool: 'node',
      command: toExecForm([node, '-e', `require('http').get('${url}', () => process.exit(0)).on('error', () => process.exit(1)).setTimeout(4000, () => process.exit(1))`]),
    };
  }
  // GNU and BusyBox wget both print the status line with -S, and fail without one.
  if (has('wget', 'wget') || has('busybox-wget', 'busybox', 'busybox-static')) {
    return { tool: 'wget', command: `wget -S -q -O /dev/null ${url} 2>&1 | grep -q 'HTTP/' || exit 1` };
  }
  // Debian, Ubuntu and RHEL images have bash: a TCP connect through /dev/tcp.
  if (has('bash', 'bash')) return { tool: 'bash', command: toExecForm(['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]) };
  return null;
}
