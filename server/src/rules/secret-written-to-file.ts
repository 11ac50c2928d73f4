import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { defineRule, type Report } from '../engine/rule';
import type { DockerfileModel } from '../engine/dockerfile/model';
import { flagsOf } from '../engine/dockerfile/instructions';
import { runScripts } from '../engine/dockerfile/runScripts';
import { isSecretName } from '../engine/knowledge/secrets';
import { effectiveArgv } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';

export default defineRule({
  meta: {
    id: 'secret-written-to-file',
    group: 'secrets',
    description: 'A RUN must not write a secret build argument, or the file of a secret mount, into a file of the image.',
    severity: 'error',
    messages: {
      written: 'This command writes ${{name}} into {{target}}, which is saved in the layer: the secret ships with the image.',
      mountCopied:
        'This command copies the build secret {{secret}} into {{target}}, which is saved in the layer: the secret the mount kept out of the image ships with it after all. Read it where it is, or remove the copy in the same RUN.',
    },
    applicability: [],
  },
  check({ model, report }) {
    reportMountCopies(model, report);
    const secretVars = new Set<string>();
    for (const instruction of model.ast.getInstructions()) {
      if (instruction instanceof Arg || instruction instanceof Env) {
        for (const p of instruction.getProperties()) if (isSecretName(p.getName())) secretVars.add(p.getName());
      }
    }
    if (secretVars.size === 0) return;
    for (const stage of model.stages) {
      for (const run of runScripts(model, stage)) {
        const script = run.script;
        if (!script) continue;
        const text = run.fromHeredoc ? run.body.heredocs.map((h) => h.text).join('\n') : run.body.text;
        // A file removed later in the same RUN never reaches the layer.
        const removed = new Set(script.commands.filter((c) => effectiveArgv(c).program === 'rm').flatMap((c) => c.args.map((a) => a.value ?? '')));
        for (const command of script.commands) {
          const commandText = text.slice(command.start, command.end);
          const name = [...commandText.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]).find((n) => secretVars.has(n));
          if (!name) continue;
          const target = writtenFile(command);
          if (!target || removed.has(target)) continue;
          const end = Math.max(command.end, ...command.redirects.map((r) => r.target?.end ?? 0));
          report({ messageId: 'written', data: { name, target }, range: run.rangeOf(command.start, end) });
        }
      }
    }
  },
});

/**
 * `RUN --mount=type=secret,id=npmrc cat /run/secrets/npmrc > /root/.npmrc`: the mount keeps the
 * secret out of the layer, and the copy puts it back. Read through a redirect, `tee`, or `cp` /
 * `install` from the mount's path; a copy the same RUN removes is fine.
 */
function reportMountCopies(model: DockerfileModel, report: Report): void {
  for (const stage of model.stages) {
    for (const run of runScripts(model, stage)) {
      const script = run.script;
      const mounts = secretMountPaths(run.instruction);
      if (!script || mounts.length === 0) continue;
      const text = run.fromHeredoc ? run.body.heredocs.map((h) => h.text).join('\n') : run.body.text;
      const removed = new Set(script.commands.filter((c) => effectiveArgv(c).program === 'rm').flatMap((c) => c.args.map((a) => a.value ?? '')));
      for (const command of script.commands) {
        const { program, args } = effectiveArgv(command);
        const secret = mounts.find((path) => text.slice(command.start, command.end).includes(path));
        if (!secret) continue;
        let target = writtenFile(command);
        if (!target && (program === 'cp' || program === 'install')) {
          const operands = args.filter((a) => a.value !== null && !a.value.startsWith('-'));
          const last = operands[operands.length - 1]?.value ?? null;
          if (operands.length >= 2 && last && !mounts.includes(last)) target = last;
        }
        if (!target || removed.has(target) || target.startsWith('/run/secrets')) continue;
        const end = Math.max(command.end, ...command.redirects.map((r) => r.target?.end ?? 0));
        report({ messageId: 'mountCopied', data: { secret, target }, range: run.rangeOf(command.start, end) });
      }
    }
  }
}

/** The paths a RUN's secret mounts put their files at: `target=`/`dst=`, else `/run/secrets/<id>`. */
function secretMountPaths(instruction: Instruction): string[] {
  const paths: string[] = [];
  for (const flag of flagsOf(instruction)) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const options = new Map((flag.getValue() ?? '').split(',').map((part) => [part.split('=')[0].toLowerCase(), part.slice(part.indexOf('=') + 1)] as [string, string]));
    if (options.get('type') !== 'secret' || options.has('env')) continue;
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    const id = options.get('id');
    if (target) paths.push(target);
    else if (id) paths.push(`/run/secrets/${id}`);
  }
  return paths;
}

/** The file a command writes its output to: a `>`/`>>` redirect, `tee`, or a config tool's own file. */
function writtenFile(command: ShellCommand): string | null {
  // The target as written: `~/.npmrc` is not a literal word for the shell, but it is a file.
  const redirect = command.redirects.find((r) => (r.operator === '>' || r.operator === '>>') && r.target && !r.target.text.startsWith('/dev/'));
  if (redirect) return redirect.target!.value ?? redirect.target!.text;
  const { program, args } = effectiveArgv(command);
  if (program === 'tee') return args.find((a) => a.value && !a.value.startsWith('-'))?.value ?? null;
  const words = args.map((a) => a.value);
  if ((program === 'npm' || program === 'yarn' || program === 'pnpm') && words[0] === 'config' && words[1] === 'set') return '~/.npmrc';
  if (program === 'git' && words[0] === 'config') return '~/.gitconfig';
  if (program === 'docker' && words[0] === 'login') return '~/.docker/config.json';
  return null;
}
