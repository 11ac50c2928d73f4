/**
 * How exact an image tag is. `latest` and tags without a version move with every release;
 * `22` or `3.12` move with every minor or patch release; `22.4.1` or `jammy-20240227` do not.
 */
import type { ImageRef } from './imageRef';

export type TagKind = 'missing' | 'latest' | 'channel' | 'major' | 'minor' | 'exact';

/** Official images whose exact versions have three parts (so `3.12` still floats). */
const THREE_PART_VERSIONS = new Set([
  'node',
  'python',
  'golang',
  'alpine',
  'nginx',
  'ruby',
  'php',
  'rust',
  'httpd',
  'redis',
  'haproxy',
  'traefik',
  'caddy',
  'memcached',
  'mongo',
  'mysql',
  'mariadb',
  'rabbitmq',
  'elasticsearch',
  'kibana',
  'maven',
  'gradle',
  'tomcat',
  'eclipse-temurin',
  'openjdk',
  'erlang',
  'elixir',
  'perl',
  'busybox',
  'pypy',
  'julia',
  'swift',
  'ghost',
  'wordpress',
  'composer',
  'amazoncorretto',
  'sapmachine',
  'jetty',
]);

export interface TagClass {
  kind: TagKind;
  /** The tag as written, or null. */
  tag: string | null;
}

/** Images whose publishers tag no versions, only rolling names: a digest is the only pin. */
export function publishesRollingTagsOnly(ref: ImageRef): boolean {
  return (ref.registry === 'gcr.io' && ref.repository.startsWith('distroless/')) || (ref.registry === 'cgr.dev' && ref.repository.startsWith('chainguard/'));
}

export function classifyTag(ref: ImageRef): TagClass {
  const tag = ref.tag;
  if (tag === null) return { kind: 'missing', tag };
  const lower = tag.toLowerCase();
  if (lower === 'latest' || lower.startsWith('latest-')) return { kind: 'latest', tag };
  if (!/\d/.test(lower)) return { kind: 'channel', tag };
  // Java's update numbers (`8u502-b07-jre`) and early-access or release-candidate builds
  // (`28-ea-11`, `27-rc`) name one build, not a release line.
  if (/^\d+u\d+/.test(lower) || /^\d+-(ea|rc)(?=$|[-_.])/.test(lower)) return { kind: 'exact', tag };
  const version = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?=$|[-_+.a-z])/.exec(lower);
  // Tags that do not start with a version (dates, commit ids, `jammy-20240227`) are taken as exact.
  if (!version) return { kind: 'exact', tag };
  const parts = version.slice(1).filter((p) => p !== undefined).length;
  if (parts === 1) {
    // A lone long number is a build number or date, not a major version.
    return { kind: version[1].length <= 3 ? 'major' : 'exact', tag };
  }
  if (parts === 2) {
    const isDotnet = ref.registry === 'mcr.microsoft.com' && ref.repository.startsWith('dotnet/');
    return { kind: (ref.official && THREE_PART_VERSIONS.has(ref.name)) || isDotnet ? 'minor' : 'exact', tag };
  }
  return { kind: 'exact', tag };
}
