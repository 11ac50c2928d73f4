import { factsFor } from '../engine/knowledge/baseImages';
import { parseImageRef, repositoryName } from '../engine/knowledge/imageRef';
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
      handedOverCmd: 'CMD uses shell form: {{how}}, so it gets signals; exec form says so without depending on the shell.',
      handedOverEntrypoint: 'ENTRYPOINT uses shell form: CMD and "docker run" arguments are ignored ({{how}}, so signals reach it).',
    },
    applicability: ['safe', 'suggestion'],
    roles: { base: 'hint', build: 'off', test: 'hint', dev: 'hint', tool: 'hint' },
    applicabilityNote: 'safe where the meaning is kept, otherwise a suggestion',
    peers: { hadolint: ['DL3025'], buildkit: ['JSONArgsRecommended'] },
  },
  check({ model, report, builtHereFrom }) {
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
      const how = handsOver(form.text, shell, baseFamily(rootBase(found.stage), builtHereFrom));
      report({
        ...(how === null
          ? { messageId: keyword === 'CMD' ? 'shellCmd' : 'shellEntrypoint' }
          : keyword === 'CMD'
            ? { messageId: 'handedOverCmd', severity: 'hint' as const }
            : { messageId: 'handedOverEntrypoint' }),
        data: { shell: shell.join(' '), how: how ?? '' },
        range,
        ...(safe ? { fix: { title: safe.title, edits: safe.edits } } : {}),
        suggestions: others,
      });
    }
  },
});

/**
 * The OS family of a stage's root image; for a base the repository builds itself (Mailu's
 * `FROM base`, made by core/base/Dockerfile), the family of the image that Dockerfile builds FROM.
 */
function baseFamily(base: ReturnType<typeof rootBase>, builtHereFrom: (name: string) => string | null): string {
  const family = factsFor(base.ref, base.isScratch).family;
  if (family !== 'unknown' || !base.resolved) return family;
  const from = builtHereFrom(repositoryName(base.resolved));
  return from ? factsFor(parseImageRef(from), false).family : family;
}

/**
 * How the shell gives way to the program, when it does: `exec program`, or a shell that replaces
 * itself with the one simple command it is given. busybox's ash (Alpine's /bin/sh, also for the
 * last command of a list) and bash (the /bin/sh of Red Hat's images) do; Debian's dash does not (tried: `dash -c 'sleep 3'` stays the
 * parent of sleep), nor does a shell whose base is not known. Mailu's Alpine images run
 * `CMD /start.py` this way with the program as PID 1. Null: the shell stays in between.
 */
function handsOver(text: string, shell: string[], family: string): string | null {
  const script = parseShell(text);
  if (script.hasErrors || script.commands.length === 0) return null;
  const f = script.features;
  if (f.pipeline || f.subshell || f.control || f.background || f.redirect) return null;
  const program = (shell[0] ?? '').split('/').pop() ?? '';
  const defaultShell = program === 'sh' && shell[0] === '/bin/sh';
  const busybox = program === 'ash' || (defaultShell && (family === 'alpine' || family === 'busybox'));
  const bash = program === 'bash' || (defaultShell && family === 'rhel');
  // busybox's sh also replaces itself with the last command of `a && b` or `a; b` (tried).
  if (f.list || script.commands.length !== 1) {
    return busybox && f.list && script.execInsertOffset !== null ? "busybox's sh replaces itself with the last command it runs" : null;
  }
  const command = script.commands[0];
  if (command.name?.value === 'exec' && command.args.length > 0) return `"exec" makes ${command.args[0].value ?? command.args[0].text} replace the shell`;
  if (!(busybox || bash) || command.assignments.length > 0) return null;
  return `${bash ? 'bash' : "busybox's sh"} replaces itself with the one command it runs`;
}

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
