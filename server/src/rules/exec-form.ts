import { factsFor } from '../engine/knowledge/baseImages';
import { toExecForm } from '../engine/edits/edits';
import { commandForm } from '../engine/dockerfile/execForm';
import { argumentsRange } from '../engine/dockerfile/instructions';
import { containerCommand, isPosixShell, rootBase, shellAt } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';
import type { Fix } from '../engine/types';
import { parseShell } from '../shell/parser';

export default defineRule({
  meta: {
    id: 'exec-form',
    group: 'entrypoint-cmd',
    description: 'The container command must use exec form so the program runs as PID 1 and receives signals.',
    severity: 'warning',
    messages: {
      shellCmd: 'CMD uses shell form: the program runs under "{{shell}}", which does not pass on SIGTERM, so "docker stop" waits and then kills it.',
      shellEntrypoint: 'ENTRYPOINT uses shell form: the program runs under "{{shell}}", which does not pass on SIGTERM, and CMD and "docker run" arguments are ignored.',
    },
    applicability: ['safe', 'suggestion'],
    roles: { base: 'hint', build: 'off', test: 'hint', dev: 'hint', tool: 'hint' },
    applicabilityNote: 'safe where the meaning is kept, otherwise a suggestion',
    peers: { hadolint: ['DL3025'], buildkit: ['JSONArgsRecommended'] },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const { entrypoint, cmd } = containerCommand(stage);
    for (const found of [entrypoint, cmd]) {
      if (!found) continue;
      const form = commandForm(model, found.instruction);
      if (form.kind !== 'shell' || form.text === '') continue;
      const keyword = found.instruction.getKeyword().toUpperCase();
      const windows = factsFor(rootBase(found.stage).ref, false).family === 'windows';
      // Windows containers get no SIGTERM: `docker stop` sends every process a console shutdown
      // event, so the shell in between keeps nothing from the program (zabbix's agent images).
      if (windows) continue;
      const shell = shellAt(found.stage, found.instruction, windows);
      const range = argumentsRange(found.instruction);
      if (!range) continue;
      const fixes = isPosixShell(shell) ? execFormFixes(form.text, shell, range, keyword === 'ENTRYPOINT' ? cmd !== null : entrypoint !== null) : [];
      const safe = fixes.find((f) => f.safe);
      const others = fixes.filter((f) => f !== safe).map(({ title, edits }) => ({ title, edits }));
      report({
        messageId: keyword === 'CMD' ? 'shellCmd' : 'shellEntrypoint',
        data: { shell: shell.join(' ') },
        range,
        ...(safe ? { fix: { title: safe.title, edits: safe.edits } } : {}),
        suggestions: others,
      });
    }
  },
});

/**
 * Exec form that keeps the command's meaning:
 * - a plain command becomes its words (`node server.js` → `["node", "server.js"]`);
 * - a single command that needs the shell for variables or globs keeps it, with `exec` so the
 *   program replaces the shell (`["/bin/sh", "-c", "exec node $APP"]`);
 * - `a && b` becomes `["/bin/sh", "-c", "a && exec b"]`, offered as a suggestion;
 * - anything else (pipes, redirects, loops) keeps the shell and is only a suggestion.
 * When an ENTRYPOINT and a CMD are both set, converting either changes the arguments the
 * ENTRYPOINT receives, so those conversions are suggestions too.
 */
/** A conversion and whether it keeps the command's meaning (then it is the finding's safe fix). */
interface Candidate extends Fix {
  safe: boolean;
}

function execFormFixes(text: string, shell: string[], range: NonNullable<ReturnType<typeof argumentsRange>>, changesArguments: boolean): Candidate[] {
  const script = parseShell(text);
  if (script.hasErrors || script.commands.length === 0) return [];
  const replace = (title: string, argv: string[], safe: boolean): Candidate => ({ title, safe, edits: [{ range, newText: toExecForm(argv) }] });
  const command = script.commands[0];
  if (script.isPlainCommand && command.name?.value) {
    let argv = [command.name.value, ...command.args.map((a) => a.value ?? a.text)];
    if (argv[0] === 'exec' && argv.length > 1) argv = argv.slice(1);
    return [replace('Convert to exec form', argv, !changesArguments)];
  }
  const f = script.features;
  const singleCommand = script.commands.length === 1 && !f.list && !f.pipeline && !f.redirect && !f.subshell && !f.control && !f.background;
  if (singleCommand && command.assignments.length === 0) {
    const body = /^exec\s/.test(text) ? text : `exec ${text}`;
    return [replace('Convert to exec form (keeps the shell for variables, with exec)', [...shell, body], !changesArguments)];
  }
  if (script.execInsertOffset !== null) {
    const body = `${text.slice(0, script.execInsertOffset)}exec ${text.slice(script.execInsertOffset)}`;
    return [replace('Convert to exec form and exec the last command', [...shell, body], false)];
  }
  return [replace('Convert to exec form (keeps the shell script as it is)', [...shell, text], false)];
}
