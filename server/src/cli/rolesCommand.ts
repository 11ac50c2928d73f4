/**
 * `dockerfile-hardening roles [paths…] [--format json]`: the role every Dockerfile and stage was
 * judged to have, and why, so a user can check what the findings were judged by (and set the
 * role in the config or with `# hardening-role:` where the tool is wrong).
 */
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigResolver } from '../config/resolver';
import { RoleFactsSource } from '../config/roleFacts';
import { buildModel } from '../engine/dockerfile/model';
import { fileKindOf } from '../engine/fileKinds';
import { initEngine } from '../engine/linter';
import { fileRole, stageRoles, type ImageRole } from '../engine/roles';
import { discover } from '../files/discover';
import { readCheckedFileSync } from '../files/readChecked';
import { UsageError } from './usage';

interface StageRole {
  stage: string;
  line: number;
  role: ImageRole;
  why: string;
}

interface FileRoles {
  file: string;
  role: ImageRole;
  why: string;
  stages: StageRole[];
}

export async function rolesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', short: 'f', default: 'text' }, config: { type: 'string' } },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('roles --format takes text or json');
  // Pipelines' `run:` scripts, which declare builds and pushes, are read with the shell parser.
  const [found] = await Promise.all([discover(positionals.length > 0 ? positionals : ['.']), initEngine()]);
  for (const problem of found.problems) process.stderr.write(`dockerfile-hardening: ${problem.message}\n`);
  const configs = new ConfigResolver(values.config ?? null);
  const dockerfiles: { path: string; display: string; text: string }[] = [];
  for (const path of found.files) {
    if (fileKindOf(path) !== 'dockerfile') continue;
    const display = relative(process.cwd(), path).split(sep).join('/') || path;
    const read = readCheckedFileSync(path, display);
    if (read.ok) dockerfiles.push({ path, display, text: read.text });
    else process.stderr.write(`dockerfile-hardening: ${read.problem.message}\n`);
  }
  const source = new RoleFactsSource([process.cwd()]);
  source.setDockerfiles(dockerfiles);
  const roles: FileRoles[] = dockerfiles.map(({ path, display, text }) => {
    const model = buildModel(text);
    const facts = source.factsFor(path, configs.forFile(resolve(path)).roles);
    const file = fileRole(model, display, facts);
    const stages = [...stageRoles(model, display, facts)]
      .sort(([a], [b]) => a.index - b.index)
      .map(([stage, judgement]) => ({ stage: stage.alias ?? String(stage.index), line: stage.from.getRange().start.line + 1, role: judgement.role, why: judgement.why }));
    return { file: display, role: file.role, why: file.why, stages };
  });
  process.stdout.write(values.format === 'json' ? `${JSON.stringify({ files: roles }, null, 2)}\n` : formatRoles(roles));
  return found.problems.some((p) => p.kind === 'missing') ? 2 : 0;
}

function formatRoles(files: readonly FileRoles[]): string {
  let out = '';
  for (const file of files) {
    out += `${file.file}: ${file.role} (${file.why})\n`;
    // A one-stage file says it all on its first line.
    if (file.stages.length < 2) continue;
    for (const stage of file.stages) out += `  ${`${stage.line}`.padStart(4)}  ${stage.stage}: ${stage.role} (${stage.why})\n`;
  }
  return out;
}
