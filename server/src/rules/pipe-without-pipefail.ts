import type { Instruction } from 'dockerfile-ast';
import { factsFor } from '../engine/knowledge/baseImages';
import { type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { parseJsonArray, runScripts, type RunScript } from '../engine/dockerfile/runScripts';
import { argumentsRange, argumentsText, keywordOf } from '../engine/dockerfile/instructions';
import { rootBase, shellAt } from '../engine/dockerfile/stageLineage';
import { insertLinesBefore, toExecForm } from '../engine/edits/edits';
import { commandRange, shellBodyStart } from '../engine/edits/shellEdits';
import { defineRule } from '../engine/rule';
import type { Fix } from '../engine/types';
import { effectiveArgv } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'python', 'python3', 'perl', 'ruby', 'node', 'php']);
const BASH_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

export default defineRule({
  meta: {
    id: 'pipe-without-pipefail',
    group: 'other-security',
    description: 'A RUN that pipes a download into another command must fail when the download fails.',
    severity: 'warning',
    messages: {
      download: 'If {{first}} fails here, the pipe still succeeds: the build goes on with an empty or partial download. Turn on pipefail.',
      dashPipefail: 'SHELL runs /bin/sh with -o pipefail, but this image\'s /bin/sh is dash, which has no pipefail: every RUN after it fails ("Illegal option -o pipefail"). Use /bin/bash.',
    },
    applicability: ['suggestion'],
    roles: { test: 'hint', dev: 'hint', tool: 'hint' },
    peers: { hadolint: ['DL4006'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      // hadolint's DL4006 case: `SHELL ["/bin/sh", "-o", "pipefail", "-c"]` on Debian (tried: dash
      // 0.5.12 exits with "Illegal option -o pipefail"). Red Hat's sh is bash, Alpine's busybox: fine.
      const base = rootBase(stage);
      if (factsFor(base.ref, base.isScratch).family === 'debian')
        for (const instruction of stage.instructions) {
          if (keywordOf(instruction) !== 'SHELL') continue;
          const argv = parseJsonArray(argumentsText(model, instruction).trim());
          if (!argv || !/^(\/bin\/|\/usr\/bin\/)?(sh|dash)$/.test(argv[0] ?? '') || !argv.includes('pipefail')) continue;
          const range = argumentsRange(instruction) ?? instruction.getRange();
          const fixed = toExecForm(['/bin/bash', ...argv.slice(1)]);
          report({ messageId: 'dashPipefail', range, severity: 'error', suggestions: [{ title: 'Run the shell as /bin/bash', edits: [{ range, newText: fixed }] }] });
        }
      const fixFor = stageFix(model, stage);
      for (const run of runScripts(model, stage)) {
        const script = run.script;
        if (!script || run.fromHeredoc) continue;
        if (shellAt(stage, run.instruction, false).includes('pipefail')) continue;
        const pipe = firstUnguardedPipe(script.commands);
        if (!pipe) continue;
        const download = pipe.upstream.find((c) => DOWNLOADERS.has(effectiveArgv(c).program ?? ''))!;
        // `… | head`, `… | grep -q`: the reader may stop early and the writer then dies of SIGPIPE,
        // which pipefail turns into a failed build. No edit where the pipe ends like that.
        const fix = pipe.stopsEarly ? null : fixFor(run);
        report({
          messageId: 'download',
          data: { first: effectiveArgv(download).program ?? 'the download' },
          range: commandRange(run, pipe.upstream[0]),
          suggestions: fix ? [fix] : [],
        });
      }
    }
  },
});

/**
 * The first pipe in the script whose earlier commands can fail, unless `set -o pipefail` (also
 * `set -euo pipefail`) ran before it in the same script.
 */
function firstUnguardedPipe(commands: ShellCommand[]): { upstream: ShellCommand[]; stopsEarly: boolean } | null {
  const pipes = new Map<number, ShellCommand[]>();
  for (const command of commands) {
    const { program, args } = effectiveArgv(command);
    if (program === 'set' && args.some((a) => a.value === 'pipefail')) return null;
    const pipeline = command.pipeline;
    // `$(a | b)` is read for its output; the command around it decides (discourse's `test $(… | wc -l) -eq 6`).
    if (!pipeline || pipeline.length < 2 || command.nested) continue;
    const members = pipes.get(pipeline.id) ?? [];
    members.push(command);
    pipes.set(pipeline.id, members);
    if (pipeline.position !== pipeline.length - 1) continue;
    const upstream = members.slice(0, -1);
    const downstream = members.slice(1);
    // Only a download that feeds the pipe: a failure there ships an empty or partial file. Other
    // pipes (docker-library's `find … -exec ldd … | awk … | xargs apt-mark manual`) are written
    // on purpose without pipefail, and reporting each was noise on the corpus (419 findings).
    if (!upstream.some((c) => DOWNLOADERS.has(effectiveArgv(c).program ?? ''))) continue;
    // `curl … | sh` is pipe-to-shell's finding (one finding per cause); a reader that fails on
    // empty input (`| grep x`, `| tar -x`) already fails the step when the writer fails.
    if (downstream.some((c) => INTERPRETERS.has(effectiveArgv(c).program ?? '') || failsOnEmptyInput(c))) continue;
    return { upstream, stopsEarly: downstream.some(readsPartly) };
  }
  return null;
}

/**
 * Readers that exit non-zero when their input is empty: grep that must match, tar that must
 * unpack, decompressors, checksum checks, key imports.
 */
function failsOnEmptyInput(command: ShellCommand): boolean {
  const { program, args } = effectiveArgv(command);
  const words = args.map((a) => a.value ?? a.text);
  if (program && /^(sha\d+sum|md5sum|b2sum)$/.test(program)) return words.some((w) => w === '-c' || w === '--check');
  if (program === 'apt-key') return words[0] === 'add';
  // Decompressors stop on empty or truncated input (`curl … | gunzip -c > file`).
  const tool = program === 'busybox' ? words[0] : program;
  const toolArgs = program === 'busybox' ? words.slice(1) : words;
  if (tool && /^(gunzip|zcat|unxz|xzcat|bunzip2|bzcat|unzstd|zstdcat|unzip)$/.test(tool)) return true;
  if (tool && /^(gzip|xz|bzip2|zstd)$/.test(tool)) return toolArgs.some((w) => /^-[a-zA-Z]*d/.test(w) || w === '--decompress');
  // gpg stops with "no valid OpenPGP data found" on empty input, --dearmor included (linkding's keyring).
  if (program === 'gpg' || program === 'gpg2') return true;
  if (program === 'grep' || program === 'egrep' || program === 'fgrep') return !words.some((w) => /^-[a-zA-Z]*[vcL]/.test(w) || /^--(invert-match|count|files-without-match)$/.test(w));
  if (program === 'tar') return words.some((w) => /^-?[a-zA-Z]*x/.test(w) || w === '--extract');
  return false;
}

/** A reader that can stop before its input ends: head, `grep -q`/`-m`, `sed q`, awk's exit. */
function readsPartly(command: ShellCommand): boolean {
  const { program, args } = effectiveArgv(command);
  const words = args.map((a) => a.value ?? a.text);
  if (program === 'head' || program === 'less' || program === 'more') return true;
  if (program === 'grep' || program === 'egrep' || program === 'fgrep') return words.some((w) => /^-[a-zA-Z]*[qml]/.test(w) || w === '--quiet' || w.startsWith('--max-count'));
  if (program === 'sed' || program === 'awk') return words.some((w) => /\b(q|Q|exit)\b/.test(w));
  return false;
}

/**
 * How the stage can turn pipefail on, by the shell its base image has: BusyBox ash (Alpine,
 * BusyBox) and bash as /bin/sh (Red Hat family) take `set -o pipefail`; Debian's /bin/sh is
 * dash, which does not, but every Debian and Ubuntu image has bash, so the stage gets a SHELL
 * (which also runs its later RUNs and shell-form commands with bash). Unknown bases: no edit.
 */
function stageFix(model: DockerfileModel, stage: Stage): (run: RunScript) => Fix | null {
  const base = rootBase(stage);
  const family = factsFor(base.ref, base.isScratch).family;
  let shellInserted: Instruction | null = null;
  return (run) => {
    // A SHELL of the Dockerfile's own (zsh, or sh with other options) is the author's choice.
    if (shellAt(stage, run.instruction, false).join(' ') !== '/bin/sh -c') return null;
    if (family === 'alpine' || family === 'busybox' || family === 'rhel') {
      const start = shellBodyStart(run.instruction);
      if (!start) return null;
      return { title: 'Turn on pipefail for this RUN (set -o pipefail)', edits: [{ range: { start, end: start }, newText: 'set -o pipefail && ' }] };
    }
    if (family !== 'debian') return null;
    // One SHELL for the stage, before its first RUN with a pipe: each finding offers the same edit.
    shellInserted ??= run.instruction;
    return { title: 'Run this stage\'s RUNs with bash -o pipefail (SHELL ["/bin/bash", "-o", "pipefail", "-c"])', edits: [insertLinesBefore(model, shellInserted, [BASH_SHELL])] };
  };
}
