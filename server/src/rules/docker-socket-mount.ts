import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { deleteInstruction } from '../engine/edits/edits';
import { type DockerfileModel } from '../engine/dockerfile/model';
import { argumentsOf, flagsOf, keywordOf } from '../engine/dockerfile/instructions';
import { instructionBody } from '../engine/dockerfile/instructionBody';
import { composeServices, deleteSeqItem, interpolate, isMap, isScalar, isSeq, jsonProperty, jsonRange, nodeRange, removeArrayElements, yamlGet } from '../engine/documents/documentChecks';
import { ciSteps, ciUnit } from '../engine/ci';
import { CI_KINDS } from '../engine/fileKinds';
import { kubernetesObjects, podSpecs } from '../engine/documents/kubernetes';
import { yamlText, type DocumentModel } from '../engine/documents/documentModel';
import { defineRule, forKinds, type Report } from '../engine/rule';
import { parseJsonArray } from '../engine/dockerfile/runScripts';
import type { Fix, Range } from '../engine/types';

const SOCKET = /^\/?(var\/)?run\/docker\.sock$/;

export function isDockerSocketPath(path: string): boolean {
  return SOCKET.test(
    path
      .trim()
      .replace(/^["']|["']$/g, '')
      .replace(/\/+$/, ''),
  );
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
      composeVolume: 'Service "{{service}}" mounts the Docker socket: whoever controls this container controls the host.',
      composeSocketTool:
        'Service "{{service}}" is {{tool}}, which needs the Docker socket to do its job: whoever controls it controls the host (":ro" does not limit the API). Put a socket proxy in front that allows only the calls it makes, or run it against rootless Docker.',
      devcontainer: "The dev container mounts the Docker socket ({{where}}): code running in it controls the host's Docker.",
      ciRun: "This {{what}} runs a container with the Docker socket mounted: that container controls the runner's Docker and everything the runner can reach.",
      hostPath: '{{kind}} "{{name}}" mounts the host\'s {{what}} ({{path}}) with hostPath: whoever controls this pod controls the node\'s containers.',
    },
    applicability: ['suggestion'],
    severityNote: 'info for `DOCKER_HOST`',
    // A developer's own containers: the risk is the developer's machine, chosen on purpose. A test
    // environment's are throwaway containers on a CI runner, set up as the thing under test needs
    // (dozzle's and Traefik's socket, Cypress's shared memory, k3d's privileged node): reviewers
    // judged every one of them noise, at info too.
    roles: { test: 'off', dev: 'info', tool: 'info' },
  },
  documents: {
    compose: ({ document, report }) => checkCompose(document, report),
    devcontainer: ({ document, report }) => checkDevcontainer(document, report),
    kubernetes: ({ document, report }) => checkKubernetes(document, report),
    ...forKinds(CI_KINDS, ({ document, report }) => {
      for (const step of ciSteps(document)) {
        if (step.mountsSocket) report({ messageId: 'ciRun', data: { what: ciUnit(document) }, range: nodeRange(document, step.anchor), severity: 'warning' });
      }
    }),
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
            const fix: Fix | undefined = argumentsOf(instruction).length === 1 ? { title: `Remove ${keyword} DOCKER_HOST`, edits: [deleteInstruction(model, instruction)] } : undefined;
            // The variable grants nothing (unix:///var/run/docker.sock is the client's default): it
            // says the image expects the socket, which a deployment then mounts. Said at info.
            report({ messageId: 'dockerHost', data: { name: `${keyword} DOCKER_HOST`, value }, range: property.getRange(), severity: 'info', suggestions: fix ? [fix] : [] });
          }
        }
      }
    }
  },
});

function checkVolume(model: DockerfileModel, instruction: Instruction, report: Report): void {
  const text = instructionBody(model, instruction).text.trim();
  const json = text.startsWith('[') ? parseJsonArray(text) : null;
  const args = argumentsOf(instruction);
  const paths: { value: string; range: Range; index: number }[] = json
    ? json.map((value, index) => ({ value, range: instruction.getRange(), index }))
    : args.map((a, index) => ({ value: a.getValue(), range: a.getRange(), index }));
  const sockets = paths.filter((p) => isDockerSocketPath(p.value));
  for (const socket of sockets) {
    let fix: Fix | undefined;
    if (sockets.length === paths.length) fix = { title: 'Remove the Docker socket VOLUME', edits: [deleteInstruction(model, instruction)] };
    else if (!json) {
      // Remove just this path, with the space before it.
      const { index } = socket;
      const previous = args[index - 1];
      const start = previous ? previous.getRange().end : socket.range.start;
      const end = previous ? socket.range.end : args[index + 1].getRange().start;
      fix = { title: `Remove ${socket.value} from VOLUME`, edits: [{ range: { start, end }, newText: '' }] };
    }
    report({ messageId: 'volume', data: { path: socket.value }, range: socket.range, suggestions: fix ? [fix] : [] });
  }
}

function checkRunMount(model: DockerfileModel, instruction: Instruction, report: Report): void {
  const flags = flagsOf(instruction);
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
      suggestions: [{ title: 'Remove the Docker socket mount from this RUN', edits: [{ range: { start: range.start, end }, newText: '' }] }],
    });
  }
}

/** Runtime sockets, and the folders that hold them (mounting the folder exposes the socket). */
const RUNTIME_SOCKETS: [RegExp, string][] = [
  [/^\/(var\/)?run\/docker\.sock$/, 'Docker socket'],
  [/^\/(var\/)?run\/(containerd\/containerd|crio\/crio|podman\/podman)\.sock$/, 'container runtime socket'],
  [/^\/(var\/)?run$/, "run folder, which holds the container runtime's socket"],
];

/** Kubernetes: `hostPath` volumes of pod specs (Pods, Deployments, DaemonSets, Jobs, CronJobs …). */
function checkKubernetes(document: DocumentModel, report: Report): void {
  for (const object of kubernetesObjects(document)) {
    for (const spec of podSpecs(object.node)) {
      const volumes = yamlGet(spec, 'volumes');
      if (!isSeq(volumes)) continue;
      for (const volume of volumes.items) {
        const path = yamlGet(yamlGet(volume, 'hostPath'), 'path');
        if (!isScalar(path)) continue;
        const value = String(path.value).replace(/\/+$/, '');
        const what = RUNTIME_SOCKETS.find(([pattern]) => pattern.test(value))?.[1];
        if (what) report({ messageId: 'hostPath', data: { kind: object.kind, name: object.name, what, path: value }, range: nodeRange(document, path) });
      }
    }
  }
}

/** Compose `volumes:` in short (`/var/run/docker.sock:/var/run/docker.sock:ro`) and long syntax. */
function checkCompose(document: DocumentModel, report: Report): void {
  for (const service of composeServices(document)) {
    const volumes = yamlGet(service.node, 'volumes');
    if (!isSeq(volumes)) continue;
    volumes.items.forEach((item, index) => {
      let source: string | null = null;
      if (isScalar(item) && typeof item.value === 'string') source = interpolate(item.value).split(':')[0];
      else if (isMap(item)) {
        const type = yamlGet(item, 'type');
        const value = yamlGet(item, 'source');
        if ((!isScalar(type) || type.value === 'bind') && isScalar(value)) source = interpolate(String(value.value));
      }
      if (!source || !isDockerSocketPath(source)) return;
      // Portainer, Traefik, watchtower, CI runners: removing the socket disables them. Guidance
      // instead of a removal, at info: it is how the tool works (reviewers judged every such
      // error noise: nothing to change in the file).
      const tool = socketTool(document, service.name, service.node);
      if (tool) {
        report({ messageId: 'composeSocketTool', data: { service: service.name, tool }, range: nodeRange(document, item as { range?: [number, number, number] }), severity: 'info' });
        return;
      }
      const edit = deleteSeqItem(document, service.node, 'volumes', volumes, index);
      report({
        messageId: 'composeVolume',
        data: { service: service.name },
        range: nodeRange(document, item as { range?: [number, number, number] }),
        suggestions: edit ? [{ title: `Remove the Docker socket volume from "${service.name}"`, edits: [edit] }] : [],
      });
    });
  }
}

/**
 * Tools whose job is the Docker API: management UIs, reverse proxies and log viewers that read
 * containers' labels, updaters, CI runners, socket proxies, Docker itself.
 */
const SOCKET_TOOLS =
  /^(portainer(-ce|-ee)?|portainer-agent|watchtower|traefik|dozzle|dockge|docker-gen|nginx-proxy|acme-companion|docker-letsencrypt-nginx-proxy-companion|cadvisor|docker-socket-proxy|socket-proxy|registrator|gitlab-runner|drone-runner-docker|woodpecker-agent|github-runner|actions-runner|diun|autoheal|ouroboros|swarmpit|yacht|glances|logspout|sablier|caddy-docker-proxy|ofelia|docker|dind)$/;

/** What the service is when it is a Docker tool: by its image or name, or because its own command or environment points it at the socket. */
function socketTool(document: DocumentModel, name: string, node: unknown): string | null {
  const image = yamlText(yamlGet(node, 'image'));
  const repository = image
    ? (image
        .split('@')[0]
        .replace(/:[^/]*$/, '')
        .split('/')
        .pop() ?? '')
    : '';
  if (SOCKET_TOOLS.test(repository.toLowerCase())) return repository;
  if (SOCKET_TOOLS.test(name.toLowerCase())) return name;
  const range = (node as { range?: [number, number, number] }).range;
  const text = range ? document.source.text.slice(range[0], range[1]) : '';
  return /unix:\/\/\/(var\/)?run\/docker\.sock/.test(text.replace(/^\s*-?\s*\/(var\/)?run\/docker\.sock:.*$/gm, '')) ? 'a Docker client (its settings point at the socket)' : null;
}

/** devcontainer.json `mounts` (strings or objects) and `runArgs` (`-v`, `--volume=`, `--mount`). */
function checkDevcontainer(document: DocumentModel, report: Report): void {
  const mounts = jsonProperty(document, ['mounts']);
  (mounts?.children ?? []).forEach((mount, index) => {
    let source = '';
    if (mount.type === 'string') source = /(?:^|,)\s*(?:source|src)=([^,]+)/.exec(String(mount.value))?.[1] ?? '';
    else if (mount.type === 'object') source = String(jsonProperty(document, ['mounts', index, 'source'])?.value ?? '');
    if (!isDockerSocketPath(source)) return;
    report({
      messageId: 'devcontainer',
      data: { where: 'mounts' },
      range: jsonRange(document, mount),
      suggestions: [{ title: 'Remove the Docker socket mount', edits: removeArrayElements(document, mounts!, index) }],
    });
  });
  const runArgs = jsonProperty(document, ['runArgs']);
  const args = (runArgs?.children ?? []).map((c) => (c.type === 'string' ? String(c.value) : ''));
  args.forEach((arg, index) => {
    const value = /^(-v|--volume|--mount)$/.test(arg) ? (args[index + 1] ?? '') : (/^(--volume|--mount)=(.*)$/.exec(arg)?.[2] ?? '');
    const source = /type=|source=|src=/.test(value) ? (/(?:^|,)(?:source|src)=([^,]+)/.exec(value)?.[1] ?? '') : value.split(':')[0];
    if (!value || !isDockerSocketPath(source)) return;
    const pair = /^(-v|--volume|--mount)$/.test(arg);
    report({
      messageId: 'devcontainer',
      data: { where: 'runArgs' },
      range: jsonRange(document, runArgs!.children![index]),
      suggestions: [{ title: 'Remove the Docker socket mount from runArgs', edits: removeArrayElements(document, runArgs!, index, pair ? 2 : 1) }],
    });
  });
}
