import { factsFor, type BaseFacts } from '../engine/baseImages';
import { insertLinesAfter, insertLinesBefore, toExecForm } from '../engine/edits';
import { displayName } from '../engine/imageRef';
import { argumentsText, containerCommand, effectiveInstruction, keywordOf, lineage, rootBase, variablesAt, type DockerfileModel, type Stage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { commandsInLineage, installedPackages } from '../engine/runScripts';
import type { Fix } from '../engine/types';
import { substitute } from '../engine/variables';

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
    const port = exposedPort(model, stage) ?? facts.defaultPort;
    const exposes = lineage(stage).some((s) => s.instructions.some((i) => keywordOf(i) === 'EXPOSE'));
    if (!exposes && !facts.isServer) return;
    const fix = healthcheckFix(model, stage, facts, port);
    report({
      messageId: 'missing',
      data: { what: port !== null ? `port ${port}` : base.ref ? displayName(base.ref) : 'a port' },
      range: stage.from.getRange(),
      suggestions: fix ? [fix] : [],
    });
  },
});

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

/**
 * A HEALTHCHECK that uses a tool the image really has and exits 0 or 1 only (Docker reserves
 * exit code 2). Without a known tool or port there is no fix: a check that can never pass is
 * worse than none.
 */
function healthcheckFix(model: DockerfileModel, stage: Stage, facts: BaseFacts, port: number | null): Fix | null {
  const installed = installedPackages(commandsInLineage(model, lineage(stage)));
  const url = `http://127.0.0.1:${port}/`;
  let command: string | null = null;
  if (facts.probe) command = facts.probe;
  else if (port === null) return null;
  else if (facts.tools.has('curl') || installed.has('curl')) command = `curl -fsS ${url} || exit 1`;
  else if (facts.tools.has('wget') || installed.has('wget')) command = `wget -q --spider ${url} || exit 1`;
  else if (facts.tools.has('busybox-wget')) command = `wget -q --spider ${url} || exit 1`;
  else if (facts.tools.has('node')) {
    const node = facts.family === 'distroless' ? '/nodejs/bin/node' : 'node';
    command = toExecForm([node, '-e', `require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))`]);
  } else if (facts.tools.has('python')) {
    const python = facts.family === 'distroless' ? 'python3' : 'python';
    command = toExecForm([python, '-c', `import sys, urllib.request; urllib.request.urlopen('${url}', timeout=4); sys.exit(0)`]);
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
  return { title: `Add a HEALTHCHECK${port !== null ? ` on port ${port}` : ''}`, safe: false, edits: [edit] };
}
