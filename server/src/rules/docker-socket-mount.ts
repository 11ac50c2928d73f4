import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { deleteInstruction } from '../engine/edits';
import { argumentsOf, keywordOf, type DockerfileModel } from '../engine/model';
import { instructionBody } from '../engine/instructionBody';
import { defineRule } from '../engine/rule';
import { parseJsonArray } from '../engine/runScripts';
import type { Fix, Range } from '../engine/types';

const SOCKET = /^\/?(var\/)?run\/docker\.sock$/;

export function isDockerSocketPath(path: string): boolean {
  return SOCKET.test(path.trim().replace(/^["']|["']$/g, '').replace(/\/+$/, ''));
}

export default defineRule({
  meta: {
    id: 'docker-socket-mount',
    group: 'docker-socket',
    description: 'The Docker socket must not reach a container or a build step.',
    severity: 'error',
    messages: {
      volume: 'VOLUME {{path}} makes the image expect the Docker socket: whoever controls this container controls the host.',
      runMount: 'This RUN mounts the Docker socket: the build step can start privileged containers on the build host.',
      dockerHost: '{{name}} points at the Docker socket ({{value}}): anything in this image that uses it controls the Docker host.',
    },
    fix: 'suggestion',
  },
  check({ model, report }) {
    for (const instruction of model.ast.getInstructions()) {
      const keyword = keywordOf(instruction);
      if (keyword === 'VOLUME') checkVolume(model, instruction, report);
      else if (keyword === 'RUN') checkRunMount(model, instruction, report);
      else if (instruction instanceof Env || instruction instanceof Arg) {
        for (const property of instruction.getProperties()) {
          const value = property.getValue() ?? '';
          if (property.getName() === 'DOCKER_HOST' && /^["']?unix:\/\//.test(value)) {
            const fix: Fix | undefined = argumentsOf(instruction).length === 1
              ? { title: `Remove ${keyword} DOCKER_HOST`, safe: false, edits: [deleteInstruction(model, instruction)] }
              : undefined;
            report({ messageId: 'dockerHost', data: { name: `${keyword} DOCKER_HOST`, value }, range: property.getRange(), severity: 'warning', suggestions: fix ? [fix] : [] });
          }
        }
      }
    }
  },
});

type Report = Parameters<Parameters<typeof defineRule>[0]['check']>[0]['report'];

function checkVolume(model: DockerfileModel, instruction: Instruction, report: Report): void {
  const text = instructionBody(model, instruction).text.trim();
  const json = text.startsWith('[') ? parseJsonArray(text) : null;
  const args = argumentsOf(instruction);
  const paths: { value: string; range: Range }[] = json
    ? json.map((value) => ({ value, range: instruction.getRange() }))
    : args.map((a) => ({ value: a.getValue(), range: a.getRange() }));
  const sockets = paths.filter((p) => isDockerSocketPath(p.value));
  for (const socket of sockets) {
    let fix: Fix | undefined;
    if (sockets.length === paths.length) fix = { title: 'Remove the Docker socket VOLUME', safe: false, edits: [deleteInstruction(model, instruction)] };
    else if (!json) {
      // Remove just this path, with the space before it.
      const index = args.findIndex((a) => a.getRange() === socket.range);
      const previous = args[index - 1];
      const start = previous ? previous.getRange().end : socket.range.start;
      const end = previous ? socket.range.end : args[index + 1].getRange().start;
      fix = { title: `Remove ${socket.value} from VOLUME`, safe: false, edits: [{ range: { start, end }, newText: '' }] };
    }
    report({ messageId: 'volume', data: { path: socket.value }, range: socket.range, suggestions: fix ? [fix] : [] });
  }
}

function checkRunMount(model: DockerfileModel, instruction: Instruction, report: Report): void {
  const flags = (instruction as Instruction & { getFlags(): import('dockerfile-ast').Flag[] }).getFlags();
  for (const flag of flags) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const options = new Map(flag.getOptions().map((o) => [o.getName().toLowerCase(), o.getValue() ?? '']));
    const path = options.get('source') ?? options.get('src') ?? '';
    if (!isDockerSocketPath(path) && !isDockerSocketPath(options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '')) continue;
    const range = flag.getRange();
    // Remove the flag and the space after it.
    const end = { line: range.end.line, character: range.end.character + (model.source.lineText(range.end.line)[range.end.character] === ' ' ? 1 : 0) };
    report({
      messageId: 'runMount',
      range,
      suggestions: [{ title: 'Remove the Docker socket mount from this RUN', safe: false, edits: [{ range: { start: range.start, end }, newText: '' }] }],
    });
  }
}
