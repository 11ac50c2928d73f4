/** Reading parsed shell commands: program names, options (`-fsSLk`, `--opt=value`), operands. */
import type { ShellCommand, ShellWord } from './parser';

/** The program a command runs, without its path (`/usr/bin/apt-get` → `apt-get`), skipping `sudo`/`env`. */
export function programName(command: ShellCommand): string | null {
  const value = command.name?.value;
  return value ? baseName(value) : null;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Commands come from the shell-parse cache and are never changed, so their argv is kept too. */
const argvs = new WeakMap<ShellCommand, { program: string | null; args: ShellWord[] }>();

/**
 * The words a command acts on, with wrappers removed: `sudo apt-get install x` and
 * `env A=1 apt-get install x` read as `apt-get install x`, `python3 -m pip install x` as `pip install x`.
 */
export function effectiveArgv(command: ShellCommand): { program: string | null; args: ShellWord[] } {
  let argv = argvs.get(command);
  if (!argv) {
    argv = unwrap(command);
    argvs.set(command, argv);
  }
  return argv;
}

function unwrap(command: ShellCommand): { program: string | null; args: ShellWord[] } {
  let program = programName(command);
  let args = command.args;
  for (let guard = 0; guard < 4 && program && ['sudo', 'env', 'nice', 'nohup', 'time', 'command', 'exec'].includes(program); guard++) {
    let i = 0;
    while (i < args.length && (args[i].value?.startsWith('-') || (program === 'env' && /^\w+=/.test(args[i].value ?? '')))) i++;
    if (i >= args.length) return { program, args: [] };
    const value = args[i].value;
    program = value ? baseName(value) : null;
    args = args.slice(i + 1);
  }
  // `python3 -m pip install x` is pip: every rule that reads pip installs reads it the same way.
  if (program && /^python[\d.]*$/.test(program)) {
    let i = 0;
    while (i < args.length && /^-[uIBEsSO]+$/.test(args[i].value ?? '')) i++;
    const module = args[i + 1]?.value;
    if (args[i]?.value === '-m' && module && /^pip[\d.]*$/.test(module)) return { program: module, args: args.slice(i + 2) };
  }
  return { program, args };
}

/**
 * Whether an option is present. Short options may be combined (`-fsSLk` holds `-k`) unless
 * `combinable` is false; long options match `--name` and `--name=value`.
 */
export function findOption(args: readonly ShellWord[], short: readonly string[], long: readonly string[], combinable = true): ShellWord | null {
  for (const arg of args) {
    const value = arg.value;
    if (value === null) continue;
    if (value === '--') break;
    if (value.startsWith('--')) {
      const name = value.split('=')[0];
      if (long.includes(name)) return arg;
    } else if (value.startsWith('-') && value.length > 1) {
      if (short.includes(value)) return arg;
      if (combinable && /^-[A-Za-z]+$/.test(value) && short.some((s) => s.length === 2 && value.includes(s[1]))) return arg;
    }
  }
  return null;
}

/** The first word that is not an option: the subcommand of `apt-get install`, `npm ci`… */
export function subcommandOf(args: readonly ShellWord[]): ShellWord | null {
  return args.find((a) => a.value !== null && !a.value.startsWith('-')) ?? null;
}

/** Words after the subcommand that are not options. Options that take a value must be listed. */
export function operandsAfter(args: readonly ShellWord[], subcommand: string, optionsWithValue: readonly string[] = []): ShellWord[] {
  const start = args.findIndex((a) => a.value === subcommand);
  if (start < 0) return [];
  const operands: ShellWord[] = [];
  for (let i = start + 1; i < args.length; i++) {
    const value = args[i].value;
    if (value === null) {
      operands.push(args[i]);
      continue;
    }
    if (value.startsWith('-')) {
      if (optionsWithValue.includes(value)) i++;
      continue;
    }
    operands.push(args[i]);
  }
  return operands;
}

/** The command `offset` places away in the same pipeline (-1: the one feeding it; 1: the one it feeds), if any. */
export function pipelineNeighbour(commands: readonly ShellCommand[], command: ShellCommand, offset: number): ShellCommand | null {
  const pipe = command.pipeline;
  if (!pipe) return null;
  return commands.find((c) => c.pipeline?.id === pipe.id && c.pipeline.position === pipe.position + offset) ?? null;
}

/**
 * An option that takes a value: `-p X`, `--password X`, `--password=X`. Null when the option is
 * absent; its value is null when not literal (`"$PW"`) or missing.
 */
export function optionValue(args: readonly ShellWord[], short: readonly string[], long: readonly string[]): { option: string; value: string | null } | null {
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    if (word === null) continue;
    if (short.includes(word) || long.includes(word)) return { option: word, value: args[i + 1]?.value ?? null };
    const inline = long.find((name) => word.startsWith(`${name}=`));
    if (inline) return { option: inline, value: word.slice(inline.length + 1) };
  }
  return null;
}

/** The mode of a `chmod` command: its first word that is not an option (`-R`, `--recursive`). */
export function chmodMode(args: readonly ShellWord[]): ShellWord | null {
  return args.find((a) => a.value !== null && !/^-[a-zA-Z]+$/.test(a.value) && !a.value.startsWith('--')) ?? null;
}
