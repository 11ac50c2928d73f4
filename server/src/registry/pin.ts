/**
 * Pinning base images: `node:22` → `node:22@sha256:…` (digest, tag kept for readers) or →
 * `node:22.4.1` (the most specific tag with the same digest today). The places to edit come from
 * the engine's model: the FROM image, or the ARG default it comes through, and the `# syntax=`
 * frontend image.
 */
import { type Arg } from 'dockerfile-ast';
import { parseImageRef, type ImageRef } from '../engine/knowledge/imageRef';
import type { DockerfileModel } from '../engine/dockerfile/model';
import type { Range } from '../engine/types';
import type { RegistryClient } from './client';

export interface PinTarget {
  /** The text to replace: the image as written. */
  range: Range;
  text: string;
  ref: ImageRef;
  where: 'from' | 'arg' | 'syntax';
}

/** Every image reference that has no digest yet and can be rewritten in place. */
export function pinTargets(model: DockerfileModel): PinTarget[] {
  const targets: PinTarget[] = [];
  const seen = new Set<string>();
  const add = (target: PinTarget) => {
    const key = `${target.range.start.line}:${target.range.start.character}`;
    if (!seen.has(key) && !target.ref.digest) {
      seen.add(key);
      targets.push(target);
    }
  };
  for (const directive of model.ast.getDirectives()) {
    if (directive.getName().toLowerCase() !== 'syntax') continue;
    const ref = parseImageRef(directive.getValue());
    if (ref) add({ range: directive.getValueRange(), text: directive.getValue(), ref, where: 'syntax' });
  }
  for (const stage of model.stages) {
    const { ref, range, text, viaArgs } = stage.base;
    if (!ref || !range) continue;
    if (viaArgs.length === 0) {
      add({ range, text, ref, where: 'from' });
      continue;
    }
    // `FROM ${BASE}` with `ARG BASE=node:22`: the ARG default holds the whole image; pin it there.
    if (viaArgs.length === 1 && /^\$\{?\w+\}?$/.test(text.trim())) {
      const arg = model.ast.getInitialARGs().find((a: Arg) => a.getProperty()?.getName() === viaArgs[0]);
      const property = arg?.getProperty();
      const valueRange = property?.getValueRange();
      const value = property?.getValue();
      if (valueRange && value && parseImageRef(value)) add({ range: valueRange, text: value, ref: parseImageRef(value)!, where: 'arg' });
    }
  }
  return targets;
}

/** How the image is written, keeping the author's spelling of the name. */
function nameAsWritten(target: PinTarget): string {
  const withoutDigest = target.text.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

export async function pinToDigest(client: RegistryClient, target: PinTarget): Promise<string> {
  const tag = target.ref.tag ?? 'latest';
  const { digest } = await client.digest(target.ref, tag);
  return `${nameAsWritten(target)}:${tag}@${digest}`;
}

const versionParts = (tag: string) => (/^v?(\d+(?:\.\d+)*)/.exec(tag)?.[1] ?? '').split('.').filter(Boolean).map(Number);

function compareVersionsDesc(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  if (pa.length !== pb.length) return pb.length - pa.length;
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pb[i] - pa[i];
  return 0;
}

/**
 * The most specific tag that points at the same digest as the floating one today:
 * `22` → `22.4.1`, `3.12-slim` → `3.12.4-slim`, `latest` → `22.4.1`. Null when none does.
 */
export async function exactVersionTag(client: RegistryClient, ref: ImageRef, maxLookups = 30): Promise<string | null> {
  const tag = ref.tag ?? 'latest';
  const match = /^(v?\d+(?:\.\d+)*)?(.*)$/.exec(tag)!;
  const prefix = match[1] ?? '';
  // Channel words (`latest`, `lts`, `alpine`) are not part of the exact tag; a variant suffix is.
  const suffix = prefix ? match[2] : /^(latest|lts|current|stable)$/.test(match[2]) ? '' : match[2].replace(/^(latest|lts|current|stable)(?=-)/, '');
  const pattern = new RegExp(`^${prefix ? `${prefix.replace(/\./g, '\\.')}\\.` : 'v?'}\\d+(\\.\\d+)*${suffix.replace(/[.+^${}()|[\]\\*?]/g, '\\$&')}$`);
  const candidates = (await client.tags(ref)).filter((t) => t !== tag && pattern.test(t)).sort(compareVersionsDesc);
  if (candidates.length === 0) return null;
  const { digest } = await client.digest(ref, tag);
  for (const candidate of candidates.slice(0, maxLookups)) {
    if ((await client.digest(ref, candidate)).digest === digest) return candidate;
  }
  return null;
}

export async function pinToExactVersion(client: RegistryClient, target: PinTarget): Promise<string | null> {
  const exact = await exactVersionTag(client, target.ref);
  return exact ? `${nameAsWritten(target)}:${exact}` : null;
}
