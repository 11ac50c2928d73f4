/** Edits inside RUN scripts: removing an option or a word, with the space next to it. */
import type { Instruction } from 'dockerfile-ast';
import { parseShell, type ShellCommand, type ShellWord } from '../../shell/parser';
import { argumentsOf } from '../dockerfile/instructions';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { runScripts, type RunScript } from '../dockerfile/runScripts';
import type { Position, Range, TextEdit } from '../types';

/** Where a RUN's shell text starts (after its flags), or null for exec form and heredocs. */
export function shellBodyStart(run: Instruction): Position | null {
  const args = argumentsOf(run);
  if (args.length === 0) return null;
  const first = args[0].getValue();
  if (first.startsWith('[') || first.startsWith('<<')) return null;
  return args[0].getRange().start;
}

export interface CommandSite {
  stage: Stage;
  run: RunScript;
  command: ShellCommand;
}

/** Every command of every RUN, with where it is. */
export function* allCommands(model: DockerfileModel, stages: readonly Stage[] = model.stages): Generator<CommandSite> {
  for (const stage of stages) {
    for (const run of runScripts(model, stage)) {
      if (!run.script) continue;
      for (const command of run.script.commands) yield { stage, run, command };
    }
  }
}

export function wordRange(run: RunScript, word: ShellWord): Range {
  return run.rangeOf(word.start, word.end);
}

/** The range of a command, extended to its redirect targets. */
export function commandRange(run: RunScript, command: ShellCommand): Range {
  const end = Math.max(command.end, ...command.redirects.map((r) => r.target?.end ?? 0));
  return run.rangeOf(command.start, end);
}

/**
 * Removes a word, or one letter from a combined short option (`-fsSLk` → `-fsSL`), with one
 * adjacent space so the command stays tidy.
 */
export function removeOption(model: DockerfileModel, run: RunScript, word: ShellWord, letter?: string): TextEdit {
  const range = wordRange(run, word);
  const value = word.value ?? word.text;
  if (letter && /^-[A-Za-z]{2,}$/.test(value)) return { range, newText: value.replace(letter, '') };
  // An option with its value in the next word (`--trusted-host pypi.org`) is removed by the caller.
  const line = model.source.lineText(range.end.line);
  if (line[range.end.character] === ' ') return { range: { start: range.start, end: { line: range.end.line, character: range.end.character + 1 } }, newText: '' };
  if (range.start.character > 0 && model.source.lineText(range.start.line)[range.start.character - 1] === ' ') {
    return { range: { start: { line: range.start.line, character: range.start.character - 1 }, end: range.end }, newText: '' };
  }
  return { range, newText: '' };
}

/**
 * Appends `&& <command>` at the end of a shell-form RUN, on a continuation line when the RUN
 * already spans several lines. Null when appending could change what the script means:
 * heredoc scripts, a trailing comment, a background job, a parse error.
 */
export function appendToRun(model: DockerfileModel, run: RunScript, command: string): TextEdit | null {
  const script = run.script;
  if (!script || run.fromHeredoc || script.hasErrors || script.features.background) return null;
  const text = run.body.text;
  const end = text.trimEnd().length;
  const lastCommandEnd = Math.max(...script.commands.map((c) => Math.max(c.end, ...c.redirects.map((r) => r.target?.end ?? 0))), 0);
  if (/#/.test(text.slice(lastCommandEnd, end)) || text.trimStart().startsWith('[')) return null;
  // A script that ends in `;` (`set -eux; …; apt-get install -y x;`): the `;` goes, so the
  // result is `… x && rm …` and not the syntax error `… x; && rm …`.
  let replaceFrom = end;
  if (text[end - 1] === ';' && text[end - 2] !== ';') {
    replaceFrom = end - 1;
    while (replaceFrom > 0 && /\s/.test(text[replaceFrom - 1])) replaceFrom--;
  }
  const range = run.instruction.getRange();
  const multiline = range.end.line > range.start.line;
  const indent = multiline ? /^\s*/.exec(model.source.lineText(range.end.line))?.[0] || '    ' : '';
  const joiner = multiline ? ` ${model.escapeChar}${model.source.eol}${indent}&& ` : ' && ';
  // Never leave the script less parseable than it was: the joined body must still parse cleanly.
  if (parseShell(`${text.slice(0, replaceFrom)} && ${command}`).hasErrors) return null;
  const start = run.rangeOf(replaceFrom, replaceFrom).end;
  const at = run.rangeOf(end, end).end;
  return { range: { start, end: at }, newText: `${joiner}${command}` };
}

/**
 * Removes one command from a RUN's `&&` / `;` list with the connector next to it
 * (`a && rm -f x && b` → `a && b`). Null when the command is not a plain list member (a
 * pipeline, inside `if` or a subshell, joined by `||`), is the script's only command, or the
 * result would not parse.
 */
export function removeCommand(run: RunScript, command: ShellCommand): TextEdit | null {
  const script = run.script;
  if (!script || run.fromHeredoc || script.hasErrors || (command.pipeline && command.pipeline.length > 1)) return null;
  const text = run.body.text;
  const commands = [...script.commands].sort((a, b) => a.start - b.start);
  const index = commands.indexOf(command);
  const endOf = (c: ShellCommand) => Math.max(c.end, ...c.redirects.map((r) => r.target?.end ?? 0));
  const connector = (from: number, to: number) =>
    ['&&', ';'].includes(
      text
        .slice(from, to)
        .replace(/\\\r?\n/g, ' ')
        .trim(),
    );
  let from: number;
  let to: number;
  if (index > 0 && connector(endOf(commands[index - 1]), command.start)) [from, to] = [endOf(commands[index - 1]), endOf(command)];
  else if (index === 0 && commands.length > 1 && connector(endOf(command), commands[1].start)) [from, to] = [command.start, commands[1].start];
  else return null;
  if (parseShell(text.slice(0, from) + text.slice(to)).hasErrors) return null;
  const range = run.rangeOf(from, to);
  return { range, newText: '' };
}

/** Inserts a word right after another (`apk add` → `apk add --no-cache`). */
export function insertAfterWord(run: RunScript, word: ShellWord, text: string): TextEdit {
  const at = wordRange(run, word).end;
  return { range: { start: at, end: at }, newText: ` ${text}` };
}
