import type { Instruction } from 'dockerfile-ast';
import { factsFor, type BaseFacts } from '../engine/knowledge/baseImages';
import { insertLinesBefore, insertLinesAfter, replaceRange } from '../engine/edits/edits';
import { displayName } from '../engine/knowledge/imageRef';
import { type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { argumentsRange, argumentsText, keywordOf } from '../engine/dockerfile/instructions';
import { allCopies, namesStage } from '../engine/dockerfile/copySources';
import { containerCommand, effectiveInstruction, lineage, rootBase } from '../engine/dockerfile/stageLineage';
import { variablesAt, workdirAt } from '../engine/dockerfile/stageVariables';
import { defineRule } from '../engine/rule';
import { commandsInLineage, createdUsers, parseJsonArray } from '../engine/dockerfile/runScripts';
import type { Fix, TextEdit } from '../engine/types';
import { substitute } from '../engine/dockerfile/variables';

/** The UID/GID the fix creates when an image has no non-root user of its own. */
const APP_ID = 10001;

export default defineRule({
  meta: {
    id: 'no-root-user',
    group: 'least-privilege',
    description: 'The final stage must not run as root.',
    severity: 'warning',
    messages: {
      noUser: 'The image runs as root: no USER is set in the final stage (or the stages it builds on), and {{image}} runs as root by default.',
      noUserUnknown: 'The image may run as root: no USER is set in the final stage (or the stages it builds on), and nothing here says {{image}} sets one.',
      supervisor: 'The image starts {{program}} as root, and it starts the services: check that each one drops to its own user (a user= setting in its config), or set USER.',
      workerServer:
        'The image starts {{program}} as root; its master process serves requests from workers that run as another user (www-data, nginx): check that its config names that user, or move to an unprivileged variant.',
      rootUser: 'The image runs as root: the last USER is "{{user}}".',
      socketTool: "The image runs as root, and {{how}}: with the socket mounted it controls the host anyway. A non-root USER helps only with the socket's group (or a socket proxy) set up per host.",
      wrapper:
        'This file only adds labels or a health check to {{image}}, so the image runs as whatever user {{image}} sets; if that is root, ask its maintainers for a non-root variant or set USER here once you know it works.',
    },
    applicability: ['suggestion'],
    roles: { base: 'off', build: 'off', test: 'off', dev: 'off', tool: 'off' },
    peers: { hadolint: ['DL3002'], trivy: ['DS-0002', 'AVD-DS-0002', 'DS002'], checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'] },
  },
  check({ model, buildContext, report }) {
    const stage = model.finalStage;
    // Dev containers choose their user in devcontainer.json (remoteUser/containerUser).
    if (!stage) return;
    const base = rootBase(stage);
    const facts = factsFor(base.ref, base.isScratch);
    const lastUser = effectiveInstruction(stage, 'USER');
    // The image starts as root on purpose and hands the service to a user: the program does it
    // (gosu, su-exec, setpriv…), the script it starts does (`exec gosu app "$@"`), the server's
    // config says to (uwsgi's `uid = www-data`), or the base image's init does (linuxserver.io).
    const start = startProgram(model, stage);
    // The official image's own docker-entrypoint.sh, kept (no ENTRYPOINT here), runs the server
    // as its user with gosu (Unleash's local postgres, FROM postgres with an init script).
    const keepsBaseEntrypoint = facts.entrypointDropsToUser && !lineage(stage).some((s) => s.instructions.some((i) => keywordOf(i) === 'ENTRYPOINT'));
    const dropsItself =
      facts.initDropsToUser || keepsBaseEntrypoint || (start !== null && (DROPS_PRIVILEGES.test(start.program) || startsDroppingScript(model, stage, start, buildContext?.dropsPrivileges ?? [])));

    if (lastUser) {
      const written = argumentsText(model, lastUser.instruction).trim();
      const { value, unresolved } = substitute(written, variablesAt(model, lastUser.stage, lastUser.instruction), model.escapeChar);
      // A user that comes from a build argument without a default cannot be judged here.
      if (unresolved.length > 0 || !isRoot(value, facts)) return;
      // `USER root` before an entrypoint that drops: written so on purpose.
      if (dropsItself) return;
      report({
        messageId: 'rootUser',
        data: { user: value },
        range: argumentsRange(lastUser.instruction) ?? lastUser.instruction.getRange(),
        suggestions: fixesFor(model, stage, facts, lastUser.stage === stage ? lastUser.instruction : null),
      });
      return;
    }
    if (facts.defaultUser || facts.family === 'windows') return;
    // A base image chosen by a build argument with no default is unknown: stay quiet.
    if (!base.ref && !base.isScratch) return;
    if (dropsItself) return;
    // Apache, nginx and php-fpm started by the image's own command (Debian's apache2 in FreshRSS):
    // the master keeps root to bind the port, the workers run as the configured user. USER
    // would stop them from starting, so there is no suggestion; the config is what to check.
    const server = workerServerStarted(model, stage);
    if (server) {
      report({ messageId: 'workerServer', data: { program: server }, range: stage.from.getRange(), severity: 'info' });
      return;
    }
    if (start && (SUPERVISORS.test(start.program) || (start.program === 'sudo' && start.args.includes('-u')))) {
      if (start.program === 'sudo') return;
      report({ messageId: 'supervisor', data: { program: start.program }, range: stage.from.getRange(), severity: 'info', suggestions: fixesFor(model, stage, facts, null) });
      return;
    }
    const known = base.isScratch || facts.family !== 'unknown';
    // The image is built to drive the host's Docker (acme-companion sets DOCKER_HOST to the
    // socket; others declare a VOLUME for it): whoever holds the socket is root on the host
    // already, and a USER needs the socket's group, which differs per host. docker-socket-mount
    // reports the socket; here it is a note.
    const socket = expectsDockerSocket(model, stage);
    if (socket) {
      report({
        messageId: 'socketTool',
        data: { image: base.isScratch ? 'scratch' : displayName(base.ref!), how: socket },
        range: stage.from.getRange(),
        severity: 'info',
      });
      return;
    }
    // A file that only labels another project's image (Nextcloud AIO's onlyoffice and harp images
    // add LABELs and a HEALTHCHECK): which user that image needs is the upstream's choice, and a
    // USER here would override it blind. Said, at info.
    if (!known && onlyMetadata(stage)) {
      report({ messageId: 'wrapper', data: { image: displayName(base.ref!) }, range: stage.from.getRange(), severity: 'info' });
      return;
    }
    report({
      messageId: known ? 'noUser' : 'noUserUnknown',
      data: { image: base.isScratch ? 'scratch' : displayName(base.ref!) },
      range: stage.from.getRange(),
      suggestions: fixesFor(model, stage, facts, null),
    });
  },
});

/** How the image says it expects the host's Docker socket (`ENV DOCKER_HOST=unix://…`, `VOLUME /var/run/docker.sock`), or null. */
function expectsDockerSocket(model: DockerfileModel, stage: Stage): string | null {
  for (const s of lineage(stage))
    for (const instruction of s.instructions) {
      const keyword = keywordOf(instruction);
      const text = argumentsText(model, instruction);
      if ((keyword === 'ENV' || keyword === 'ARG') && /(^|\s)DOCKER_HOST=["']?unix:\/\//.test(text)) return `its ${keyword} DOCKER_HOST points at the Docker socket`;
      if (keyword === 'VOLUME' && /docker\.sock/.test(text)) return 'it declares a VOLUME for the Docker socket';
    }
  return null;
}

/** What a wrapper around another project's image adds: labels, a health check and the files it needs; no command, no user. */
const WRAPPER_ADDS = new Set(['LABEL', 'HEALTHCHECK', 'EXPOSE', 'ARG', 'ENV', 'STOPSIGNAL', 'VOLUME', 'MAINTAINER', 'COPY', 'ADD', 'WORKDIR']);

/** Labels or a health check, and nothing that runs or changes who runs: `FROM x` alone is not one, just a file being written. */
function onlyMetadata(stage: Stage): boolean {
  const instructions = lineage(stage).flatMap((s) => s.instructions);
  return instructions.some((i) => keywordOf(i) === 'LABEL' || keywordOf(i) === 'HEALTHCHECK') && instructions.every((i) => WRAPPER_ADDS.has(keywordOf(i) ?? ''));
}

/** Programs that start as root on purpose and switch to another user before running the service. */
const DROPS_PRIVILEGES = /^(gosu|su-exec|setpriv|runuser|chpst|s6-setuidgid|setuidgid|su)$/;
/** Init systems and supervisors that run as root and start the services (each should drop privileges). */
const SUPERVISORS = /^(supervisord|runsvdir|my_init|s6-svscan|init|systemd)$/;

/**
 * The start program, or the config it is given, is one the context scan found dropping
 * privileges: by its name, or by the name of the context file a COPY put at its path
 * (`COPY docker/entry.sh /app/run.sh`). A name like `docker-entrypoint.sh` is matched even
 * when no COPY says where it came from (a stage copied it): a wrong match only keeps this
 * rule quiet.
 */
function startsDroppingScript(model: DockerfileModel, stage: Stage, start: StartProgram, droppers: string[]): boolean {
  if (droppers.length === 0) return false;
  const baseName = (path: string) => path.replace(/["']/g, '').split(/[=/]/).pop() ?? path;
  const names = new Set(droppers.map(baseName));
  const named = (word: string) => names.has(baseName(word));
  if (named(start.path) || copiedTo(model, stage, start.path).some(named)) return true;
  return /^(uwsgi|supervisord)$/.test(start.program) && start.args.some(named);
}

/** The context files COPY or ADD put at this path of the image, in the stage or the stages it builds on. */
function copiedTo(model: DockerfileModel, stage: Stage, path: string): string[] {
  if (!path.startsWith('/')) return [];
  const inLineage = new Set(lineage(stage));
  const sources: string[] = [];
  for (const copy of allCopies(model)) {
    // From the context, or from a stage of this file: `COPY --from=builder /src/script/docker-entrypoint.sh
    // /bin/entrypoint.sh` (syncthing), where the builder took the script from the context, so its file
    // name is what to match.
    if (!inLineage.has(copy.stage) || (copy.from !== null && !namesStage(model, copy.from))) continue;
    const destination = substitute(copy.operands.absoluteDestination, variablesAt(model, copy.stage, copy.instruction), model.escapeChar).value;
    for (const source of copy.operands.sources) {
      const name = source.value.split('/').pop() ?? '';
      const target = destination.endsWith('/') ? `${destination}${name}` : destination;
      if (target.replace(/\/+/g, '/') === path) sources.push(source.value);
    }
  }
  return sources;
}

interface StartProgram {
  /** As written: `/app/run.sh`, `./bootstrap.sh`. */
  path: string;
  /** Its file name: `run.sh`. */
  program: string;
  args: string[];
}

/** The program the image starts (ENTRYPOINT, else CMD) and its first arguments, when written out. */
function startProgram(model: DockerfileModel, stage: Stage): StartProgram | null {
  const { entrypoint, cmd } = containerCommand(stage);
  const wordsOf = (instruction: Instruction | undefined) => {
    if (!instruction) return [];
    const text = argumentsText(model, instruction).trim();
    return (parseJsonArray(text) ?? [text]).flatMap((w) => w.split(/\s+/)).filter(Boolean);
  };
  // An exec-form ENTRYPOINT runs with CMD as its arguments: `dumb-init --` then `supervisord …`.
  const words = [...wordsOf(entrypoint?.instruction), ...wordsOf(cmd?.instruction)];
  // `sh -c "exec gosu app …"` and `tini -- gosu app …`: look past the shell and the init.
  let i = 0;
  while (i < words.length && /^(\/\S*\/)?(tini|dumb-init|exec|sh|bash|-c|--|-s|-g)$/.test(words[i])) i++;
  const first = words[i];
  if (!first) return null;
  return { path: first, program: first.split('/').pop()!, args: words.slice(i + 1) };
}

/** Servers whose master process runs as root and hands requests to workers of another user. */
const WORKER_SERVER = /(?:^|[\s;&|("[])(?:exec\s+)?(?:\/[\w.-]+)*\/?(apache2ctl|apache2-foreground|apache2|httpd-foreground|httpd|nginx|php-fpm[\d.]*)(?=\s|$|")/;

const COMMAND_TEXT_LIMIT = 4096;

/** The worker-dropping server the container's command starts, written out in its CMD or ENTRYPOINT. */
function workerServerStarted(model: DockerfileModel, stage: Stage): string | null {
  const { entrypoint, cmd } = containerCommand(stage);
  // No command of its own: the official image's runs (AppFlowy's web image on nginx:alpine, whose
  // `nginx -g 'daemon off;'` master hands requests to workers running as nginx).
  const ref = rootBase(stage).ref;
  if (!entrypoint && !cmd && ref?.official) {
    if (ref.name === 'nginx') return 'nginx';
    if (ref.name === 'httpd') return 'httpd';
    if (ref.name === 'php' && /apache/.test(ref.tag ?? '')) return 'apache2';
    if (ref.name === 'php' && /fpm/.test(ref.tag ?? '')) return 'php-fpm';
  }
  for (const instruction of [cmd?.instruction, entrypoint?.instruction]) {
    if (!instruction) continue;
    // A real start command is a line or two: a megabyte-long CMD is not searched past its start.
    const match = WORKER_SERVER.exec(argumentsText(model, instruction).slice(0, COMMAND_TEXT_LIMIT));
    if (match) return match[1];
  }
  return null;
}

function isRoot(user: string, facts: BaseFacts): boolean {
  if (facts.family === 'windows') return /^containeradministrator$/i.test(user);
  return /^(root|0)(:.*)?$/.test(user);
}

/** How the fix makes a non-root user available in this image, and which USER value to set. */
interface UserPlan {
  user: string;
  setup: string[];
  title: string;
  /** Who gets the app's folders (`chown`'s argument), where the user can be named in one; null: no hand-over. */
  owner: string | null;
  /** Where the setup must go instead of next to USER: before the first VOLUME it prepares. */
  setupBefore?: Instruction;
}

function planUser(model: DockerfileModel, stage: Stage, facts: BaseFacts): UserPlan | null {
  // Windows images cannot be built where the build suite runs, so no USER change is proven
  // there: the docs page says what to write (USER ContainerUser) instead of a one-click edit.
  if (facts.family === 'windows') return null;
  // nginx, Apache and the databases start as root and drop to their own user: USER breaks
  // their start-up (nginx cannot write its pid file). Their unprivileged variants are the fix.
  if (facts.startsAsRoot) return null;
  // A user the Dockerfile already creates is the one the author meant to run as.
  const created = createdUsers(commandsInLineage(model, lineage(stage))).pop();
  if (created) {
    // By UID where the Dockerfile gives one (Kubernetes' runAsNonRoot needs a number); the title says which USER it writes.
    const user = created.uid !== null ? `${created.uid}` : created.name;
    const named = created.uid !== null ? `"${created.name}" user (${created.uid})` : `"${created.name}" user`;
    return { user, setup: [], title: `Run as the ${named} created in this Dockerfile`, owner: user };
  }
  const shipped = facts.shippedUser;
  if (shipped) {
    const user = `${shipped.uid}:${shipped.gid}`;
    return { user, setup: [], title: `Run as the image's "${shipped.name}" user (${user})`, owner: user };
  }
  const id = `${APP_ID}:${APP_ID}`;
  switch (facts.family) {
    case 'scratch':
    case 'distroless':
      return { user: '65532:65532', setup: [], title: 'Run as UID/GID 65532 (nonroot)', owner: null };
    case 'alpine':
    case 'busybox':
      return {
        user: id,
        setup: [`RUN addgroup -S -g ${APP_ID} app && adduser -S -D -H -u ${APP_ID} -G app -s /sbin/nologin app`],
        title: `Create an "app" system user (${id}) and run as it`,
        owner: 'app:app',
      };
    case 'debian':
      return {
        user: id,
        setup: [`RUN groupadd --system --gid ${APP_ID} app && useradd --system --uid ${APP_ID} --gid app --no-create-home --shell /usr/sbin/nologin app`],
        title: `Create an "app" system user (${id}) and run as it`,
        owner: 'app:app',
      };
    case 'rhel': {
      const ref = rootBase(stage).ref;
      // ubi-minimal and ubi-micro have no useradd; a numeric user needs no entry in /etc/passwd.
      if (ref && /minimal|micro/.test(ref.repository)) return { user: id, setup: [], title: `Run as UID/GID ${id}`, owner: null };
      return {
        user: id,
        setup: [`RUN groupadd -r -g ${APP_ID} app && useradd -r -u ${APP_ID} -g app -M -s /sbin/nologin app`],
        title: `Create an "app" system user (${id}) and run as it`,
        owner: 'app:app',
      };
    }
    default:
      return { user: id, setup: [], title: `Run as UID/GID ${id} (numeric; no entry in /etc/passwd needed)`, owner: null };
  }
}

/**
 * Puts USER after the last RUN (later RUNs may need root to install things) and before the
 * container's command, replacing a trailing `USER root` rather than stacking another USER.
 */
function fixesFor(model: DockerfileModel, stage: Stage, facts: BaseFacts, rootUser: Instruction | null): Fix[] {
  const planned = planUser(model, stage, facts);
  if (!planned) return [];
  const plan = withWritableFolders(model, stage, facts, planned);
  const instructions = stage.instructions;
  let lastRun = -1;
  instructions.forEach((instruction, index) => {
    if (keywordOf(instruction) === 'RUN') lastRun = index;
  });
  const edits: TextEdit[] = [];
  const rootIndex = rootUser ? instructions.indexOf(rootUser) : -1;
  if (rootUser && rootIndex > lastRun && plan.setup.length === 0) {
    edits.push(replaceRange(argumentsRange(rootUser)!, plan.user));
  } else if (plan.setupBefore) {
    // Docker discards what a step changes under a VOLUME declared before it.
    edits.push(insertLinesBefore(model, plan.setupBefore, plan.setup));
    const anchor = instructions.slice(Math.max(lastRun, instructions.indexOf(plan.setupBefore)) + 1).find((i) => ['CMD', 'ENTRYPOINT'].includes(keywordOf(i)));
    if (anchor) edits.push(insertLinesBefore(model, anchor, [`USER ${plan.user}`]));
    else edits.push(insertLinesAfter(model, instructions[instructions.length - 1] ?? stage.from, [`USER ${plan.user}`]));
  } else {
    const lines = [...plan.setup, `USER ${plan.user}`];
    const anchor = instructions.slice(lastRun + 1).find((i) => ['CMD', 'ENTRYPOINT'].includes(keywordOf(i)));
    if (anchor) edits.push(insertLinesBefore(model, anchor, lines));
    else edits.push(insertLinesAfter(model, instructions[instructions.length - 1] ?? stage.from, lines));
  }
  return [{ title: plan.title, edits }];
}

/**
 * A user other than root cannot write where root made the folders: the app's WORKDIR (only the
 * folder itself, so it can create files there but not change the code root copied in) and every
 * VOLUME (recursively: data folders are the app's). For a user the fix creates, the chown joins
 * its RUN; for one the image or the Dockerfile already has (node's `node`), it gets a RUN of its
 * own, where the image has a shell to run it (the build suite found node's user unable to write
 * to its WORKDIR). The title says what is handed over.
 */
function withWritableFolders(model: DockerfileModel, stage: Stage, facts: BaseFacts, plan: UserPlan): UserPlan {
  // A plan with setup creates its user in a RUN; one without needs a shell for a RUN of its own.
  const creates = plan.setup.length > 0;
  if (!plan.owner || (!creates && !facts.tools.has('sh'))) return plan;
  const workdir = workdirAt(model, stage, null);
  const { paths: volumes, first: firstVolume } = declaredVolumes(model, stage);
  const folders = [...new Set([...(workdir !== '/' ? [workdir] : []), ...volumes])];
  if (folders.length === 0 || folders.some((f) => !/^\/[\w./-]*$/.test(f))) return plan;
  const commands = [`mkdir -p ${folders.join(' ')}`];
  if (workdir !== '/' && !volumes.includes(workdir)) commands.push(`chown ${plan.owner} ${workdir}`);
  if (volumes.length > 0) commands.push(`chown -R ${plan.owner} ${volumes.join(' ')}`);
  const handOver = commands.join(' \\\n    && ');
  return {
    ...plan,
    setup: creates ? [`${plan.setup[0]} \\\n    && ${handOver}`, ...plan.setup.slice(1)] : [`RUN ${handOver}`],
    title: creates ? plan.title.replace(/ and run as it$/, `, let it write to ${folders.join(', ')}, and run as it`) : `${plan.title} and let it write to ${folders.join(', ')}`,
    ...(firstVolume ? { setupBefore: firstVolume } : {}),
  };
}

/**
 * VOLUME paths the final stage declares (JSON or plain form) and the first such instruction.
 * A parent stage's volumes are left out: no step of this stage can change what is in them.
 */
function declaredVolumes(model: DockerfileModel, stage: Stage): { paths: string[]; first: Instruction | null } {
  const paths: string[] = [];
  let first: Instruction | null = null;
  for (const instruction of stage.instructions) {
    if (keywordOf(instruction) !== 'VOLUME') continue;
    first ??= instruction;
    const text = argumentsText(model, instruction).trim();
    const list = text.startsWith('[') ? (parseJsonArray(text) ?? []) : text.split(/\s+/);
    for (const path of list) if (path) paths.push(path.replace(/\/+$/, '') || '/');
  }
  return { paths, first };
}
