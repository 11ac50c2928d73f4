/**
 * `dockerfile-hardening pin [paths…]`: pins every FROM (and the `# syntax=` frontend) by digest,
 * in place, keeping the tag for readers; `--exact` first moves floating tags to the exact
 * version with the same digest. `--check` only reports what is unpinned (no network) and exits
 * 1 when anything is, for CI.
 */
import { promises as fs } from 'node:fs';
import { relative, sep } from 'node:path';
import { buildModel } from '../engine/dockerfile/model';
import { applyEdits, SourceText } from '../engine/sourceText';
import type { TextEdit } from '../engine/types';
import { defaultCacheFile, RegistryCache } from '../registry/cache';
import { RegistryClient } from '../registry/client';
import { dockerConfigCredentials } from '../registry/credentials';
import { pinTargets, pinToDigest, pinToExactVersion, type PinTarget } from '../registry/pin';
import { parseArgs } from 'node:util';
import { discover } from '../files/discover';
import { readCheckedFile } from '../files/readChecked';
import { UsageError } from './usage';

export interface PinFlags {
  check: boolean;
  exact: boolean;
  timeoutMs: number;
}

const display = (path: string) => relative(process.cwd(), path).split(sep).join('/') || path;

/** `pin`'s own options: `--check`, `--exact`, `--timeout <ms>`. */
export async function pinMain(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { check: { type: 'boolean', default: false }, exact: { type: 'boolean', default: false }, timeout: { type: 'string', default: '10000' } },
  });
  const timeoutMs = Number(values.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout takes milliseconds');
  return pinCommand(
    positionals.length > 0 ? positionals : ['.'],
    { check: values.check!, exact: values.exact!, timeoutMs },
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`dockerfile-hardening: ${line}\n`),
  );
}

export async function pinCommand(paths: string[], flags: PinFlags, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const { files, problems } = await discover(paths);
  for (const problem of problems) err(problem.message);
  if (problems.some((p) => p.kind === 'missing')) return 2;
  const client = new RegistryClient({ timeoutMs: flags.timeoutMs, credentials: dockerConfigCredentials(), cache: new RegistryCache(60 * 60 * 1000, defaultCacheFile()) });
  let unpinned = 0;
  let failed = 0;
  for (const path of files) {
    const read = await readCheckedFile(path, display(path));
    if (!read.ok) {
      err(read.problem.message);
      continue;
    }
    const { text } = read;
    const source = new SourceText(text);
    const targets = pinTargets(buildModel(text));
    if (flags.check) {
      for (const t of targets) out(`${display(path)}:${t.range.start.line + 1}:${t.range.start.character + 1}  ${t.text} is not pinned by digest`);
      unpinned += targets.length;
      continue;
    }
    const edits: TextEdit[] = [];
    for (const target of targets) {
      try {
        const pinned = await pin(client, target, flags.exact);
        edits.push({ range: target.range, newText: pinned });
        out(`${display(path)}:${target.range.start.line + 1}  ${target.text} → ${pinned}`);
      } catch (error) {
        failed++;
        err(`${display(path)}:${target.range.start.line + 1}: ${target.text}: ${(error as Error).message}`);
      }
    }
    if (edits.length > 0) {
      const temp = `${path}.dockerfile-hardening-${process.pid}.tmp`;
      await fs.writeFile(temp, (read.bom ? '\uFEFF' : '') + applyEdits(source, edits), { mode: (await fs.stat(path)).mode });
      await fs.rename(temp, path);
    }
  }
  if (flags.check) {
    if (unpinned === 0) out('Every base image is pinned by digest.');
    return unpinned > 0 ? 1 : 0;
  }
  return failed > 0 ? 2 : 0;
}

async function pin(client: RegistryClient, target: PinTarget, exact: boolean): Promise<string> {
  if (!exact) return pinToDigest(client, target);
  const moved = await pinToExactVersion(client, target);
  const next = moved ? { ...target, text: moved, ref: { ...target.ref, tag: moved.slice(moved.lastIndexOf(':') + 1) } } : target;
  return pinToDigest(client, next);
}
