import { factsFor, type BaseFacts } from '../engine/knowledge/baseImages';
import type { ServiceHealthcheck } from '../engine/documents/composeBuilds';
import { insertLinesAfter, insertLinesBefore, toExecForm } from '../engine/edits/edits';
import { httpProbe, listeningPort, type ListeningPort } from '../engine/knowledge/healthProbe';
import { displayName } from '../engine/knowledge/imageRef';
import { type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { argumentsText, keywordOf } from '../engine/dockerfile/instructions';
import { containerCommand, effectiveInstruction, lineage, rootBase } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';
import { commandsInLineage, installedPackages } from '../engine/dockerfile/runScripts';
import type { Fix, TextEdit } from '../engine/types';

const TIMING = '--interval=30s --timeout=5s --start-period=15s --retries=3';

export default defineRule({
  meta: {
    id: 'healthcheck-missing',
    group: 'healthcheck',
    description: 'A service image should say how to tell that it is healthy.',
    severity: 'info',
    messages: {
      missing: 'This image serves {{what}} but has no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one.',
      commentedOut:
        'This image serves {{what}} and its HEALTHCHECK on line {{line}} is commented out, so Docker cannot tell a hung service from a healthy one; fine if the platform probes it instead (Kubernetes).',
    },
    applicability: ['suggestion'],
    roles: { base: 'off', build: 'off', test: 'off', dev: 'off', tool: 'off' },
    peers: { hadolint: ['DL3057'], trivy: ['DS-0026', 'AVD-DS-0026', 'DS026'], checkov: ['CKV_DOCKER_2'] },
  },
  check({ model, buildContext, composeHealthcheck, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    // Several services run this image with their own commands (a web server, a worker, a
    // scheduler): a check baked into the image would mark all but one unhealthy. Compose's
    // per-service healthcheck is the place for it.
    if ((buildContext?.servicesWithOwnCommands?.length ?? 0) > 1) return;
    // The repository's compose file runs the published image with a check of its own
    // (AppFlowy's appflowy_cloud, tubearchivist): the deployment it documents has one.
    if (composeHealthcheck) return;
    // HEALTHCHECK NONE is a decision, not an omission; a parent stage's check is inherited.
    if (effectiveInstruction(stage, 'HEALTHCHECK')) return;
    // `# HEALTHCHECK CMD curl …` in the stage: the author wrote one and turned it off, on purpose
    // (wiki.js, whose Helm chart probes instead) or because it broke (Tandoor's probed a port
    // nothing serves any more). Said once, at hint, pointing at it.
    const commentedOut = commentedOutHealthcheck(model, stage);
    const base = rootBase(stage);
    const facts = factsFor(base.ref, base.isScratch);
    if (facts.family === 'windows') return;
    const port = listeningPort(model, stage, facts.defaultPort);
    const exposed = lineage(stage).flatMap((s) => s.instructions.filter((i) => keywordOf(i) === 'EXPOSE').flatMap((i) => argumentsText(model, i).trim().split(/\s+/)));
    if (exposed.length === 0 && !facts.isServer) return;
    // Only UDP ports (zabbix's SNMP trap receiver): nothing a HEALTHCHECK could connect to.
    if (!facts.isServer && exposed.every((p) => /\/udp$/i.test(p))) return;
    // The check compose already runs for the service is the one known to pass on a healthy container.
    const service = buildContext?.serviceHealthcheck;
    const fix = service ? serviceHealthcheckFix(model, stage, service) : healthcheckFix(model, stage, facts, port);
    // "serves nginx" for a known server; an EXPOSE whose port is a variable is "a port", never "serves alpine".
    const what = port !== null ? `port ${port.port}` : facts.isServer && base.ref ? displayName(base.ref) : 'a port';
    report({
      ...(commentedOut === null ? { messageId: 'missing' } : { messageId: 'commentedOut', severity: 'hint' }),
      data: { what, line: String((commentedOut ?? 0) + 1) },
      range: stage.from.getRange(),
      suggestions: fix ? [fix] : [],
    });
  },
});

/**
 * A HEALTHCHECK that uses a tool the image really has (see healthProbe.ts). Without a known
 * tool or port there is no fix: a check that can never pass is worse than none.
 */
function healthcheckFix(model: DockerfileModel, stage: Stage, facts: BaseFacts, port: ListeningPort | null): Fix | null {
  let command: string | null = facts.probe;
  let via = '';
  if (!command && port) {
    const probe = httpProbe(facts, installedPackages(commandsInLineage(model, lineage(stage))), port.port);
    command = probe?.command ?? null;
    via = probe ? ` (${probe.tool})` : '';
  }
  if (!command) return null;
  return { title: `Add a HEALTHCHECK${port !== null ? ` on port ${port.port}` : ''}${via}`, edits: [insertHealthcheck(model, stage, `HEALTHCHECK ${TIMING} CMD ${command}`)] };
}

/** The HEALTHCHECK a compose service built from this Dockerfile has, with its timing. */
function serviceHealthcheckFix(model: DockerfileModel, stage: Stage, service: ServiceHealthcheck): Fix {
  const flags = [`--interval=${service.interval ?? '30s'}`, `--timeout=${service.timeout ?? '5s'}`, `--start-period=${service.startPeriod ?? '15s'}`, `--retries=${service.retries ?? 3}`];
  const command = 'exec' in service.test ? toExecForm(service.test.exec) : service.test.shell;
  const line = `HEALTHCHECK ${flags.join(' ')} CMD ${command}`;
  return { title: `Add the HEALTHCHECK that ${service.declaredIn ?? 'compose'} gives this service`, edits: [insertHealthcheck(model, stage, line)] };
}

/** Inserts the line before the stage's own ENTRYPOINT or CMD, else at the end of the stage. */
function insertHealthcheck(model: DockerfileModel, stage: Stage, line: string): TextEdit {
  const lines = [line];
  const { entrypoint, cmd } = containerCommand(stage);
  const anchor = [entrypoint, cmd]
    .filter((c) => c?.stage === stage)
    .map((c) => c!.instruction)
    .sort((a, b) => a.getRange().start.line - b.getRange().start.line)[0];
  return anchor ? insertLinesBefore(model, anchor, lines) : insertLinesAfter(model, stage.instructions[stage.instructions.length - 1] ?? stage.from, lines);
}

const COMMENTED_HEALTHCHECK = /^\s*#+\s*HEALTHCHECK\s+(--|CMD\b|NONE\b)/i;

/** The line of a HEALTHCHECK instruction commented out between the stage's FROM and the next stage's. */
function commentedOutHealthcheck(model: DockerfileModel, stage: Stage): number | null {
  const first = stage.from.getRange().start.line;
  const next = model.stages[stage.index + 1];
  const last = next ? next.from.getRange().start.line : model.source.lineCount;
  for (let line = first + 1; line < last; line++) if (COMMENTED_HEALTHCHECK.test(model.source.lineText(line))) return line;
  return null;
}
