/**
 * End-of-life dates of base images, from `server/src/data/end-of-life.json` (its source and
 * retrieval date are in the file; `scripts/refresh-end-of-life.mjs` updates it).
 */
import data from '../../data/end-of-life.json';
import type { ImageRef } from './imageRef';

interface Product {
  images: string[];
  codenames?: Record<string, string>;
  cycles: Record<string, string>;
}

const PRODUCTS = data.products as Record<string, Product>;
const DEBIAN = PRODUCTS.debian;
const UBUNTU = PRODUCTS.ubuntu;

export interface EndOfLife {
  product: string;
  cycle: string;
  date: string;
  /** The oldest cycles still supported on the given day, for the message. */
  supported: string[];
}

/** The release an official image's tag names: `node:16-alpine` → node 16, `python:3.8-slim-buster` → python 3.8. */
function cycleOf(name: string, product: Product, tag: string): string | null {
  if (product.codenames) {
    for (const [codename, version] of Object.entries(product.codenames)) if (new RegExp(`(^|-)${codename}(-|$)`).test(tag)) return version;
  }
  if (name === 'centos') {
    const match = /^(?:centos)?(\d+)/.exec(tag);
    return match ? match[1] : null;
  }
  const version = /^v?(\d+)(?:\.(\d+))?/.exec(tag);
  if (!version) return null;
  const [, major, minor] = version;
  // Cycles are "22" for node, "3.12" for python: pick whichever the product lists.
  if (minor !== undefined && product.cycles[`${major}.${minor}`]) return `${major}.${minor}`;
  if (product.cycles[major]) return major;
  if (name === 'python' && major === '2') return '2.7';
  return null;
}

function expired(product: Product, cycle: string, now: Date): string | null {
  const date = product.cycles[cycle];
  return date && new Date(`${date}T00:00:00Z`) <= now ? date : null;
}

function supportedCycles(product: Product, now: Date): string[] {
  return Object.entries(product.cycles)
    .filter(([, date]) => new Date(`${date}T00:00:00Z`) > now)
    .map(([cycle]) => cycle)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .slice(0, 3);
}

/**
 * Every end-of-life release an image runs on: the image's own release, and the Debian or
 * Ubuntu release its tag names (`node:20-bullseye` is both node 20 and Debian 11).
 */
export function endOfLife(ref: ImageRef, now: Date): EndOfLife[] {
  if (!ref.official || !ref.tag) return [];
  const tag = ref.tag.toLowerCase();
  const found: EndOfLife[] = [];
  for (const [name, product] of Object.entries(PRODUCTS)) {
    if (!product.images.includes(ref.name)) continue;
    const cycle = cycleOf(name, product, tag);
    const date = cycle ? expired(product, cycle, now) : null;
    if (cycle && date) found.push({ product: name, cycle, date, supported: supportedCycles(product, now) });
  }
  if (!DEBIAN.images.includes(ref.name) && !UBUNTU.images.includes(ref.name)) {
    for (const [name, distro] of [
      ['debian', DEBIAN],
      ['ubuntu', UBUNTU],
    ] as const) {
      for (const [codename, version] of Object.entries(distro.codenames ?? {})) {
        if (!new RegExp(`(^|-)${codename}(-|$)`).test(tag)) continue;
        const date = expired(distro, version, now);
        if (date) found.push({ product: `${name} ${codename}`, cycle: version, date, supported: supportedCycles(distro, now) });
      }
    }
  }
  return found;
}

/**
 * The distribution release a codename tag names (`ubuntu:noble` → Ubuntu 24.04, `debian:bookworm-slim`
 * → Debian 12), for a Debian or Ubuntu image: such a tag follows that release's updates, as a
 * major version tag does, and never moves to the next release. Null for anything else.
 */
export function codenameRelease(ref: ImageRef): { distribution: string; version: string } | null {
  if (!ref.official || !ref.tag) return null;
  const tag = ref.tag.toLowerCase();
  for (const [distribution, distro] of [
    ['Debian', DEBIAN],
    ['Ubuntu', UBUNTU],
  ] as const) {
    if (!distro.images.includes(ref.name)) continue;
    for (const [codename, version] of Object.entries(distro.codenames ?? {})) if (new RegExp(`^${codename}(-|$)`).test(tag)) return { distribution, version };
  }
  return null;
}
