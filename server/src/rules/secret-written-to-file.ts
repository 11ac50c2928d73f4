import { Arg, Env } from 'dockerfile-ast';
import { defineRule } from '../engine/rule';
import { runScripts } from '../engine/dockerfile/runScripts';
import { isSecretName } from '../engine/knowledge/secrets';
import { effectiveArgv } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';

export default defineRule({
  meta: {
    id: 'secret-written-to-file',
    group: 'secrets',
    description: 'A RUN must not write a secret build argument into a file of the image.',
    severity: 'error',
    messages: {
      written: 'This command writes ${{name}} into {{target}}, which is saved in the layer: the secret ships with the image.',
    },
    applicability: [],
  },
  check({ model, report }) {
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
