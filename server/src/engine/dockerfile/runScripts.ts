/**
 * The shell scripts a stage runs: each RUN's body (shell form or heredoc), parsed with the
 * real shell parser, in the shell the stage has set. JSON-form RUNs become one command.
 */
import { JSONInstruction, type Instruction } from 'dockerfile-ast';
import { programName } from '../../shell/commands';
import { parseShell, type ShellCommand, type ShellScript } from '../../shell/parser';

export { programName };
import { instructionBody, type InstructionBody } from './instructionBody';
import { type DockerfileModel, type Stage } from './model';
import { keywordOf } from './instructions';
import { isPosixShell, rootBase, shellAt } from './stageLineage';
import { factsFor } from '../knowledge/baseImages';
import type { Range } from '../types';

export interface RunScript {
  instruction: Instruction;
  body: InstructionBody;
  /** The parsed script; null when the stage's shell is not a POSIX shell (PowerShell, cmd). */
  script: ShellScript | null;
  /** True when the script is the heredoc body (`RUN <<EOF`), not the instruction's line. */
  fromHeredoc: boolean;
  /** Document range of script offsets [start, end). */
  rangeOf(start: number, end: number): Range;
}

const cache = new WeakMap<Stage, RunScript[]>();

export function runScripts(model: DockerfileModel, stage: Stage): RunScript[] {
  let scripts = cache.get(stage);
  if (!scripts) {
    const windows = isWindowsStage(model, stage);
    scripts = stage.instructions.filter((i) => keywordOf(i) === 'RUN').map((i) => runScript(model, stage, i, windows));
    cache.set(stage, scripts);
  }
  return scripts;
}

/**
 * Parsed RUNs by instruction. The editor's incremental parse hands back the same instruction
 * objects for unchanged stages, so their scripts are not rebuilt on each keystroke. The shell
 * the RUN runs in (SHELL, a Windows base) is part of the key: it can change elsewhere.
 */
const parsedRuns = new WeakMap<Instruction, { context: string; parsed: Omit<RunScript, 'rangeOf'> }>();

function runScript(model: DockerfileModel, stage: Stage, instruction: Instruction, windows: boolean): RunScript {
  const context = `${windows}\u0000${shellAt(stage, instruction, windows).join('\u0000')}`;
  let entry = parsedRuns.get(instruction);
  if (entry?.context !== context) {
    entry = { context, parsed: parseRun(model, stage, instruction, windows) };
    parsedRuns.set(instruction, entry);
  }
  const { parsed } = entry;
  const { body } = parsed;
  const heredoc = body.heredocs[0];
  const rangeOf =
    parsed.fromHeredoc && heredoc
      ? (start: number, end: number): Range => {
          const base = model.source.offsetAt(heredoc.range.start);
          return { start: model.source.positionAt(base + start), end: model.source.positionAt(base + end) };
        }
      : body.rangeOf;
  return { ...parsed, rangeOf };
}

/** A backtick escape directive is how Windows Dockerfiles keep `\` for paths: their default shell is cmd. */
function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  return factsFor(rootBase(stage).ref, false).family === 'windows' || model.escapeChar === '`';
}

function parseRun(model: DockerfileModel, stage: Stage, instruction: Instruction, windows: boolean): Omit<RunScript, 'rangeOf'> {
  const body = instructionBody(model, instruction);
  const shell = shellAt(stage, instruction, windows);
  const trimmed = body.text.trimStart();
  if (trimmed.startsWith('[') && instruction instanceof JSONInstruction) {
    const argv = parseJsonArray(trimmed);
    if (argv) return { instruction, body, script: scriptFromArgv(argv), fromHeredoc: false };
  }
  if (!isPosixShell(shell)) return { instruction, body, script: null, fromHeredoc: false };
  if (body.heredocs.length > 0) {
    // `RUN <<EOF` or `RUN <<EOF bash -e`: the heredoc is the script (of that interpreter).
    const lead = /^<<-?["']?[\w.-]+["']?\s*(.*)$/.exec(trimmed);
    if (lead) {
      const interpreter = lead[1].trim().split(/\s+/)[0] ?? '';
      if (interpreter !== '' && !isPosixShell([interpreter])) return { instruction, body, script: null, fromHeredoc: true };
      return { instruction, body, script: parseShell(body.heredocs.map((h) => h.text).join('\n')), fromHeredoc: true };
    }
    // `RUN cat <<EOF > file`: a heredoc redirect; the shell needs its body to parse the line.
    // Offsets of the first line are unchanged, so ranges still map through the body.
    const withBodies = [body.text, ...body.heredocs.map((h) => `${h.text}\n${h.name}`)].join('\n');
    return { instruction, body, script: parseShell(withBodies), fromHeredoc: false };
  }
  return { instruction, body, script: parseShell(body.text), fromHeredoc: false };
}

export function parseJsonArray(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
  } catch {
    return null;
  }
}

function scriptFromArgv(argv: string[]): ShellScript {
  const word = (value: string) => ({ text: value, value, start: 0, end: 0 });
  const command: ShellCommand = {
    name: argv.length > 0 ? word(argv[0]) : null,
    args: argv.slice(1).map(word),
    assignments: [],
    redirects: [],
    start: 0,
    end: 0,
    pipeline: null,
  };
  return {
    commands: [command],
    features: { expansion: false, list: false, pipeline: false, redirect: false, subshell: false, glob: false, control: false, background: false },
    isPlainCommand: true,
    execInsertOffset: null,
    hasErrors: false,
  };
}

/** Every command run in the stage and the stages it builds on, oldest first. */
export function commandsInLineage(model: DockerfileModel, chain: Stage[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  for (const stage of [...chain].reverse()) {
    for (const run of runScripts(model, stage)) if (run.script) commands.push(...run.script.commands);
  }
  return commands;
}

const INSTALL_VERBS: Record<string, string[]> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
  tdnf: ['install'],
};

/** Package names passed to the system package manager's install command. */
export function installedPackages(commands: readonly ShellCommand[]): Set<string> {
  const packages = new Set<string>();
  for (const command of commands) {
    const program = programName(command);
    const verbs = program ? INSTALL_VERBS[program] : undefined;
    if (!verbs) continue;
    const words = command.args.map((a) => a.value ?? '');
    const verbIndex = words.findIndex((w) => verbs.includes(w));
    if (verbIndex < 0) continue;
    for (const word of words.slice(verbIndex + 1)) {
      if (word && !word.startsWith('-')) packages.add(word.split(/[=<>]/)[0].toLowerCase());
    }
  }
  return packages;
}

export interface CreatedUser {
  name: string;
  uid: number | null;
}

/** Users created with useradd/adduser in RUN commands, last one last. */
export function createdUsers(commands: readonly ShellCommand[]): CreatedUser[] {
  const users: CreatedUser[] = [];
  for (const command of commands) {
    const program = programName(command);
    if (program !== 'useradd' && program !== 'adduser') continue;
    const words = command.args.map((a) => a.value);
    let uid: number | null = null;
    const bare: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word === null) continue;
      const inline = /^--uid=(\d+)$/.exec(word);
      if (inline) uid = Number(inline[1]);
      else if (word === '-u' || word === '--uid') uid = Number(words[++i]) || null;
      else if (/^-[gGsdhckKefpbZ]$/.test(word) || /^--(gid|groups|shell|home|home-dir|comment|gecos|ingroup|skel|key|expiredate|inactive|password|base-dir|selinux-user|firstuid|lastuid)$/.test(word))
        i++;
      else if (!word.startsWith('-')) bare.push(word);
    }
    // `adduser user group` adds an existing user to a group: not a new user.
    if (program === 'adduser' && bare.length === 2) continue;
    const name = bare.length > 0 ? bare[bare.length - 1] : null;
    if (name) users.push({ name, uid });
  }
  return users;
}
