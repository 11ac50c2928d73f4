import { factsFor, type BaseFacts } from '../engine/baseImages';
import { insertLinesAfter, insertLinesBefore } from '../engine/edits';
import { httpProbe, listeningPort, type ListeningPort } from '../engine/healthProbe';
import { displayName } from '../engine/imageRef';
import { containerCommand, effectiveInstruction, keywordOf, lineage, rootBase, type DockerfileModel, type Stage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { commandsInLineage, installedPackages } from '../engine/runScripts';
import type { Fix } from '../engine/types';

const TIMING = '--interval=30s --timeout=5s --start-period=15s --retries=3';

export default defineRule({
  meta: {
    id: 'healthcheck-missing',
    group: 'healthcheck',
    description: 'A service image should say how to tell that it is healthy.',
    severity: 'info',
    messages: {
      missing: 'This image serves {{what}} but has no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one.',
    },
    fix: 'suggestion',
    peers: { hadolint: ['DL3057'], trivy: ['DS-0026', 'AVD-DS-0026', 'DS026'], checkov: ['CKV_DOCKER_2'] },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    // HEALTHCHECK NONE is a decision, not an omission; a parent stage's check is inherited.
    if (effectiveInstruction(stage, 'HEALTHCHECK')) return;
    const base = rootBase(stage);
    const facts = factsFor(base.ref, base.isScratch);
    if (facts.family === 'windows') return;
    const port = listeningPort(model, stage, facts.defaultPort);
    const exposes = lineage(stage).some((s) => s.instructions.some((i) => keywordOf(i) === 'EXPOSE'));
    if (!exposes && !facts.isServer) return;
    const fix = healthcheckFix(model, stage, facts, port);
    report({
      messageId: 'missing',
      data: { what: port !== null ? `port ${port.port}` : base.ref ? displayName(base.ref) : 'a port' },
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
  const lines = [`HEALTHCHECK ${TIMING} CMD ${command}`];
  const { entrypoint, cmd } = containerCommand(stage);
  const anchor = [entrypoint, cmd]
    .filter((c) => c?.stage === stage)
    .map((c) => c!.instruction)
    .sort((a, b) => a.getRange().start.line - b.getRange().start.line)[0];
  const edit = anchor
    ? insertLinesBefore(model, anchor, lines)
    : insertLinesAfter(model, stage.instructions[stage.instructions.length - 1] ?? stage.from, lines);
  return { title: `Add a HEALTHCHECK${port !== null ? ` on port ${port.port}` : ''}${via}`, safe: false, edits: [edit] };
}
