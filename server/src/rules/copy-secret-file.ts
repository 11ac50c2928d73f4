import { copyOperands } from '../engine/copySources';
import { deleteInstruction, insertLinesBefore } from '../engine/edits';
import { keywordOf, type DockerfileModel, type Stage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { runScripts } from '../engine/runScripts';
import { effectiveArgv } from '../shell/commands';
import type { Instruction } from 'dockerfile-ast';
import type { Fix, TextEdit } from '../engine/types';

interface SecretFile {
  what: string;
  /** Config files that often, not always, hold tokens are reported as warnings. */
  maybe?: boolean;
  /** Programs that read the file during a RUN, so a secret mount can replace the COPY. */
  readers?: string[];
}

/** Recognises secret files by name; `.env.example` and public keys are not secrets. */
export function secretFileKind(path: string): SecretFile | null {
  const segments = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const base = (segments[segments.length - 1] ?? '').toLowerCase();
  if (segments.some((s) => ['.ssh', '.aws', '.kube', '.gnupg', '.docker'].includes(s.toLowerCase()))) return { what: 'a credentials folder' };
  if (/^\.env(\.(?!example$|sample$|template$|dist$|defaults$|test$)[\w-]+)?$/.test(base)) return { what: 'an environment file with secrets' };
  if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(base)) return { what: 'an SSH private key' };
  if (/\.(key|p12|pfx|jks|keystore)$/.test(base) && !base.endsWith('.pub')) return { what: 'a private key or keystore' };
  if (/\.pem$/.test(base) && /(key|private|id_)/.test(base)) return { what: 'a private key' };
  if (base === '.npmrc') return { what: 'an npm config file (often holds registry tokens)', maybe: true, readers: ['npm', 'npx', 'yarn', 'pnpm'] };
  if (base === '.pypirc') return { what: 'a PyPI config file (often holds upload credentials)', maybe: true, readers: ['twine', 'pip', 'pip3', 'poetry'] };
  if (base === '.netrc') return { what: 'a .netrc file (passwords)', readers: ['curl', 'wget', 'git', 'pip', 'pip3', 'ftp'] };
  if (['.git-credentials', '.dockercfg', 'kubeconfig', 'credentials', 'credentials.json', '.htpasswd'].includes(base)) return { what: 'a credentials file' };
  return null;
}

export default defineRule({
  meta: {
    id: 'copy-secret-file',
    group: 'secrets',
    description: 'Secret files (keys, .env, .npmrc, cloud credentials) must not be copied into the image.',
    severity: 'error',
    messages: {
      copied: '{{keyword}} puts {{what}} ("{{source}}") into a layer: it stays in the image even if a later step deletes it.',
    },
    fix: 'suggestion',
    peers: { trivy: ['DS-0031', 'AVD-DS-0031'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = keywordOf(instruction);
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        const operands = copyOperands(model, stage, instruction);
        if (!operands || operands.fromStage) continue;
        for (const source of operands.sources) {
          if (/^[a-z]+:\/\//i.test(source.value)) continue;
          const kind = secretFileKind(source.value);
          if (!kind) continue;
          const fix = kind.readers && operands.sources.length === 1 ? mountFix(model, stage, instruction, source.value, operands.absoluteDestination, operands.destination.endsWith('/'), kind.readers) : null;
          report({
            messageId: 'copied',
            data: { keyword, what: kind.what, source: source.value },
            range: source.range,
            ...(kind.maybe ? { severity: 'warning' as const } : {}),
            suggestions: fix ? [fix] : [],
          });
        }
      }
    }
  },
});

/** Replaces `COPY .npmrc ./` with a secret mount of the file on the RUNs that read it. */
function mountFix(model: DockerfileModel, stage: Stage, copy: Instruction, source: string, destination: string, destIsDir: boolean, readers: string[]): Fix | null {
  const base = source.split('/').pop()!;
  const target = destIsDir || destination.endsWith('/') ? `${destination.replace(/\/$/, '')}/${base}` : destination;
  const after = stage.instructions.slice(stage.instructions.indexOf(copy) + 1);
  const runs = runScripts(model, stage).filter(
    (r) => after.includes(r.instruction) && r.script?.commands.some((c) => readers.includes(effectiveArgv(c).program ?? '')),
  );
  if (runs.length === 0) return null;
  const id = base.replace(/^\./, '');
  const edits: TextEdit[] = [deleteInstruction(model, copy)];
  for (const run of runs) {
    const at = run.instruction.getInstructionRange().end;
    edits.push({ range: { start: at, end: at }, newText: ` --mount=type=secret,id=${id},target=${target}` });
  }
  edits.push(insertLinesBefore(model, runs[0].instruction, [`# Build with: docker build --secret id=${id},src=${source} .`]));
  return { title: `Mount ${base} as a build secret for the RUNs that need it, instead of copying it`, safe: false, edits };
}
