import { holdsSecret, type BuildContext } from '../engine/buildContext';
import { contextCopies } from '../engine/dockerfile/copySources';
import { contextLetsThrough, ignoreFileEdit, wholeContextCopies } from '../engine/edits/ignoreFileEdits';
import { secretFileKind } from '../engine/knowledge/secrets';
import { deleteInstruction, insertLinesBefore } from '../engine/edits/edits';
import { type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { workdirAt } from '../engine/dockerfile/stageVariables';
import { defineRule, type Report } from '../engine/rule';
import { runScripts } from '../engine/dockerfile/runScripts';
import { removeCommand, removeOption } from '../engine/edits/shellEdits';
import { secretMountMode } from '../engine/dockerfile/stepUser';
import { effectiveArgv } from '../shell/commands';
import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { posix } from 'node:path';
import { lineage } from '../engine/dockerfile/stageLineage';
import type { Fix, TextEdit } from '../engine/types';

export default defineRule({
  meta: {
    id: 'copy-secret-file',
    group: 'secrets',
    description: 'Secret files (keys, .env, .npmrc, cloud credentials) must not be copied into the image.',
    severity: 'error',
    messages: {
      copied: '{{keyword}} puts {{what}} ("{{source}}") into a layer: it stays in the image even if a later step deletes it.',
      toCredentialsPath: '{{keyword}} puts "{{source}}" where {{name}} points, the credentials file programs read: it stays in a layer of the image.',
      pointsIntoCopy: '{{name}} points at {{path}}, which a COPY from the build context put in the image: the credentials file is in a layer.',
    },
    applicability: ['suggestion'],
    roles: { build: 'info', test: 'info' },
    applicabilityNote: 'suggestion for `.npmrc`, `.pypirc`, `.netrc`',
    peers: { trivy: ['DS-0031', 'AVD-DS-0031'] },
  },
  check({ model, buildContext, report }) {
    checkCredentialPaths(model, buildContext, report);
    for (const { stage, instruction, keyword, operands } of contextCopies(model)) {
      for (const source of operands.sources) {
        if (/^[a-z]+:\/\//i.test(source.value)) continue;
        const kind = secretFileKind(source.value);
        if (!kind) continue;
        // Its content read and found harmless: an .npmrc of settings only, a public key.
        if (kind.maybe || /key/.test(kind.what) ? !holdsSecret(buildContext, source.value) : false) continue;
        const fix =
          kind.readers && operands.sources.length === 1
            ? mountFix(model, buildContext, stage, instruction, source.value, operands.absoluteDestination, operands.destination.endsWith('/'), kind.readers)
            : null;
        report({
          messageId: 'copied',
          data: { keyword, what: kind.what, source: source.value },
          range: source.range,
          ...(kind.maybe ? { severity: 'warning' as const } : {}),
          suggestions: fix ? [fix] : [],
        });
      }
    }
  },
});

/** Variables whose value is the path of a credentials file that SDKs and CLIs read. */
const CREDENTIAL_FILE_VARIABLES = new Set(['GOOGLE_APPLICATION_CREDENTIALS', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AZURE_AUTH_LOCATION', 'KUBECONFIG', 'OCI_CLI_CONFIG_FILE']);

/**
 * Credentials found by where they go rather than by their name (trivy's DS031 cases): a COPY to
 * `$AWS_CONFIG_FILE`, or `ENV GOOGLE_APPLICATION_CREDENTIALS=./srv/sa.json` inside a folder a
 * COPY brought from the context. Where the context is known, the file must be in it: a path that
 * is not is mounted at run time, which is the right way.
 */
function checkCredentialPaths(model: DockerfileModel, buildContext: BuildContext | null, report: Report): void {
  const copies = [...contextCopies(model)];
  for (const { keyword, operands } of copies) {
    const name = /^\$\{?(\w+)\}?$/.exec(operands.destination)?.[1];
    if (!name || !CREDENTIAL_FILE_VARIABLES.has(name)) continue;
    for (const source of operands.sources) report({ messageId: 'toCredentialsPath', data: { keyword, source: source.value, name }, range: source.range });
  }
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (!(instruction instanceof Env) && !(instruction instanceof Arg)) continue;
      for (const property of instruction.getProperties()) {
        const name = property.getName();
        const raw = property.getValue()?.replace(/^["']|["']$/g, '');
        if (!CREDENTIAL_FILE_VARIABLES.has(name) || !raw || raw.includes('$')) continue;
        const path = posix.resolve(workdirAt(model, stage, instruction), raw);
        const lineageStages = lineage(stage);
        const copy = copies.find(
          (c) =>
            lineageStages.includes(c.stage) &&
            (c.stage !== stage || stage.instructions.indexOf(c.instruction) < stage.instructions.indexOf(instruction)) &&
            isInside(path, c.operands.absoluteDestination),
        );
        if (!copy) continue;
        if (buildContext && !inContext(buildContext, copy.operands, path)) continue;
        report({ messageId: 'pointsIntoCopy', data: { name, path }, range: property.getRange() });
      }
    }
  }
}

function isInside(path: string, folder: string): boolean {
  const dir = folder.endsWith('/') ? folder : `${folder}/`;
  return path === folder || path.startsWith(dir) || folder === '/';
}

/** Whether the file the path names comes from the context (a source folder copied to the destination). */
function inContext(context: BuildContext, operands: { sources: { value: string }[]; absoluteDestination: string }, path: string): boolean {
  const rest = posix.relative(operands.absoluteDestination, path);
  return operands.sources.some((s) => {
    const source = s.value.replace(/^(\.\/)+/, '').replace(/\/$/, '');
    const candidate = source === '.' || source === '' ? rest : `${source}/${rest}`;
    return context.entries.includes(candidate) || context.entries.includes(rest);
  });
}

/**
 * Replaces `COPY .npmrc ./` with a secret mount of the file on the RUNs that read it. Where a
 * `COPY . .` would still bring the file in, it also goes into the ignore file; with no build
 * context to know that by, no fix is offered.
 */
function mountFix(model: DockerfileModel, buildContext: BuildContext | null, stage: Stage, copy: Instruction, source: string, destination: string, destIsDir: boolean, readers: string[]): Fix | null {
  const base = source.split('/').pop()!;
  const target = destIsDir || destination.endsWith('/') ? `${destination.replace(/\/$/, '')}/${base}` : destination;
  const after = stage.instructions.slice(stage.instructions.indexOf(copy) + 1);
  const runs = runScripts(model, stage).filter((r) => after.includes(r.instruction) && r.script?.commands.some((c) => readers.includes(effectiveArgv(c).program ?? '')));
  if (runs.length === 0) return null;
  let otherFiles: Fix['otherFiles'];
  if (wholeContextCopies(model).length > 0) {
    if (!buildContext) return null;
    const path = source.replace(/^(\.\/)+/, '');
    if (contextLetsThrough(buildContext, path)) otherFiles = [ignoreFileEdit(buildContext, [path])];
  }
  const id = base.replace(/^\./, '');
  const edits: TextEdit[] = [deleteInstruction(model, copy)];
  for (const run of runs) {
    const at = run.instruction.getInstructionRange().end;
    const readable = secretMountMode(stage, run.instruction);
    edits.push({ range: { start: at, end: at }, newText: ` --mount=type=secret,id=${id},target=${target}${readable}` });
  }
  // `rm -f .npmrc` after the install was the old way to hide it: a mounted file cannot be
  // removed (the step fails with "Device or resource busy"), and a plain `rm` of a file that is
  // no longer copied fails too. Those removals go; `rm -f` in a step without the mount is harmless.
  for (const run of runScripts(model, stage).filter((r) => after.includes(r.instruction))) {
    const mounted = runs.includes(run);
    for (const command of run.script?.commands ?? []) {
      const { program, args } = effectiveArgv(command);
      if (program !== 'rm') continue;
      const operands = args.filter((a) => !(a.value ?? '').startsWith('-'));
      const named = operands.filter((a) => namesTarget(a.value ?? '', target, workdirAt(model, stage, run.instruction)));
      if (named.length === 0) continue;
      if (!mounted && args.some((a) => /^-[a-zA-Z]*f/.test(a.value ?? '') || a.value === '--force')) continue;
      if (named.length < operands.length) {
        edits.push(...named.map((word) => removeOption(model, run, word)));
        continue;
      }
      const removal = removeCommand(run, command);
      if (removal) edits.push(removal);
      else if (!mounted && run.script?.commands.length === 1) edits.push(deleteInstruction(model, run.instruction));
      else return null;
    }
  }
  edits.push(insertLinesBefore(model, runs[0].instruction, [`# Build with: docker build --secret id=${id},src=${source} .`]));
  const title = `Mount ${base} as a build secret for the RUNs that need it, instead of copying it${otherFiles ? ` (and add it to ${buildContext!.ignoreFile?.path.split('/').pop() ?? '.dockerignore'}, so COPY . leaves it out)` : ''}`;
  return { title, edits, ...(otherFiles ? { otherFiles } : {}) };
}

/** Whether an `rm` operand is the file at `target` (`.npmrc` in its folder, `./.npmrc`, `~/.npmrc`). */
function namesTarget(operand: string, target: string, workdir: string): boolean {
  const slash = target.lastIndexOf('/');
  const [folder, base] = [target.slice(0, slash) || '/', target.slice(slash + 1)];
  if (operand === target) return true;
  if (folder === workdir.replace(/\/$/, '') && (operand === base || operand === `./${base}`)) return true;
  return folder === '/root' && [`~/${base}`, `$HOME/${base}`, `\${HOME}/${base}`].includes(operand);
}
