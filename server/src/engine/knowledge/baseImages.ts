/**
 * What the engine knows about well-known base images: which OS family they are (so a fix
 * uses that family's own tools), which non-root user they already have, which tools a
 * HEALTHCHECK can rely on, and which ports server images listen on.
 *
 * Facts are deliberately conservative: where an image's contents are not known, the engine
 * claims no tool and offers no fix rather than a fix that can fail inside the image.
 */
import { DOCKER_HUB, type ImageRef } from './imageRef';

export type Family = 'alpine' | 'busybox' | 'debian' | 'rhel' | 'distroless' | 'scratch' | 'windows' | 'unknown';

export interface ImageUser {
  name: string;
  uid: number;
  gid: number;
}

export type Tool = 'curl' | 'wget' | 'busybox-wget' | 'node' | 'python' | 'sh' | 'bash';

export interface BaseFacts {
  family: Family;
  /** The user the image runs as when no USER is given; null means root. */
  defaultUser: ImageUser | null;
  /** A non-root user the image ships (e.g. `node` in node images). */
  shippedUser: ImageUser | null;
  tools: Set<Tool>;
  /** A port a server image listens on by default. */
  defaultPort: number | null;
  /** A server-specific HEALTHCHECK command, where the image has a better probe than HTTP. */
  probe: string | null;
  /** True when the image is a long-running service even without EXPOSE in the Dockerfile. */
  isServer: boolean;
  /**
   * The server starts as root and drops to its own user itself (nginx's and Apache's master
   * process, the gosu entrypoints of postgres, redis, mysql…): a USER line makes it fail to start.
   */
  startsAsRoot: boolean;
  /**
   * The image's init starts the app as a configurable non-root user (jlesage's baseimage as
   * USER_ID 1000, linuxserver.io's s6 as `abc` with PUID/PGID): only the init is root.
   */
  initDropsToUser: boolean;
  /**
   * The image's own ENTRYPOINT (docker-entrypoint.sh) starts as root to fix ownership and then
   * runs the server as its user with gosu (postgres, redis, mysql…): kept, it drops by itself.
   */
  entrypointDropsToUser: boolean;
}

const NONROOT: ImageUser = { name: 'nonroot', uid: 65532, gid: 65532 };
const NODE_USER: ImageUser = { name: 'node', uid: 1000, gid: 1000 };
const DOTNET_APP_USER: ImageUser = { name: 'app', uid: 1654, gid: 1654 };

/** Docker Hub official images built on Debian unless their tag says otherwise. */
const DEBIAN_BASED = new Set([
  'node',
  'python',
  'ruby',
  'golang',
  'php',
  'perl',
  'rust',
  'openjdk',
  'maven',
  'gradle',
  'elixir',
  'erlang',
  'haskell',
  'julia',
  'r-base',
  'nginx',
  'httpd',
  'redis',
  'postgres',
  'wordpress',
  'drupal',
  'joomla',
  'ghost',
  'node-red',
  'buildpack-deps',
  'debian',
  'memcached',
  'rabbitmq',
  'haproxy',
  'swift',
  'clojure',
  'groovy',
  'pypy',
  'composer',
  'nextcloud',
]);
const UBUNTU_BASED = new Set(['ubuntu', 'eclipse-temurin', 'tomcat', 'mariadb', 'mongo', 'ibmjava', 'sapmachine', 'jetty', 'neo4j', 'elasticsearch', 'kibana']);
const RHEL_BASED = new Set(['fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'mysql', 'amazoncorretto', 'photon']);

/** Language images whose non-slim, non-alpine variants come from buildpack-deps (curl and wget included). */
const BUILDPACK_DEPS_IMAGES = new Set(['node', 'python', 'ruby', 'golang', 'perl', 'rust', 'openjdk', 'buildpack-deps', 'erlang', 'elixir', 'haskell', 'pypy']);

interface ServerFacts {
  port: number;
  probe?: string;
  tools?: Tool[];
  /** Starts as root and drops privileges itself (see BaseFacts.startsAsRoot). */
  startsAsRoot?: true;
  /** Its docker-entrypoint.sh runs the server with gosu as the server's user (see BaseFacts.entrypointDropsToUser). */
  gosuEntrypoint?: true;
  /** The user the official image already runs as (its Dockerfile's USER). */
  user?: ImageUser;
}

const SERVERS: Record<string, ServerFacts> = {
  nginx: { port: 80, tools: ['curl'], startsAsRoot: true },
  httpd: { port: 80, startsAsRoot: true },
  caddy: { port: 80, tools: ['busybox-wget'] },
  traefik: { port: 80, tools: ['busybox-wget'] },
  haproxy: { port: 80, user: { name: 'haproxy', uid: 99, gid: 99 } },
  tomcat: { port: 8080, tools: ['curl'], startsAsRoot: true },
  jetty: { port: 8080, tools: ['curl'] },
  postgres: { port: 5432, probe: 'pg_isready -U postgres || exit 1', startsAsRoot: true, gosuEntrypoint: true },
  redis: { port: 6379, probe: 'redis-cli ping | grep -q PONG || exit 1', startsAsRoot: true, gosuEntrypoint: true },
  mysql: { port: 3306, probe: 'mysqladmin ping -h 127.0.0.1 --silent || exit 1', startsAsRoot: true, gosuEntrypoint: true },
  mariadb: { port: 3306, probe: 'healthcheck.sh --connect --innodb_initialized || exit 1', startsAsRoot: true, gosuEntrypoint: true },
  mongo: { port: 27017, probe: 'mongosh --quiet --eval "db.adminCommand(\'ping\').ok" || exit 1', startsAsRoot: true, gosuEntrypoint: true },
  rabbitmq: { port: 5672, probe: 'rabbitmq-diagnostics -q ping || exit 1', startsAsRoot: true, gosuEntrypoint: true },
  memcached: { port: 11211, user: { name: 'memcache', uid: 11211, gid: 11211 } },
  elasticsearch: { port: 9200, tools: ['curl'], user: { name: 'elasticsearch', uid: 1000, gid: 0 } },
  wordpress: { port: 80, tools: ['curl'], startsAsRoot: true },
  drupal: { port: 80, tools: ['curl'], startsAsRoot: true },
  ghost: { port: 2368, tools: ['node'] },
  'node-red': { port: 1880, tools: ['node'] },
  nextcloud: { port: 80, tools: ['curl'], startsAsRoot: true },
};

/**
 * Official images whose default command is a shell or a language REPL, not a server: the
 * distributions, the buildpack-deps language images, and the other language toolchains.
 */
const SHELL_OR_REPL_IMAGES = new Set([
  ...['alpine', 'busybox', 'debian', 'ubuntu', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'archlinux', 'photon'],
  ...BUILDPACK_DEPS_IMAGES,
  ...['eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'julia', 'clojure', 'swift', 'groovy'],
]);

/** An image that, run without a command, gives a shell or a REPL (an image FROM it must bring its own program). */
export function startsOnlyAShell(ref: ImageRef): boolean {
  return ref.official && SHELL_OR_REPL_IMAGES.has(ref.name);
}

export function factsFor(ref: ImageRef | null, isScratch: boolean): BaseFacts {
  const facts: BaseFacts = {
    family: 'unknown',
    defaultUser: null,
    shippedUser: null,
    tools: new Set(),
    defaultPort: null,
    probe: null,
    isServer: false,
    startsAsRoot: false,
    initDropsToUser: false,
    entrypointDropsToUser: false,
  };
  if (isScratch) {
    facts.family = 'scratch';
    return facts;
  }
  if (!ref) return facts;
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const path = ref.repository;
  facts.family = familyOf(ref, tag);
  if (facts.family === 'alpine' || facts.family === 'busybox') facts.tools.add('busybox-wget').add('sh');
  if (facts.family === 'debian' || facts.family === 'rhel') facts.tools.add('sh').add('bash');

  if (ref.registry === 'gcr.io' && path.startsWith('distroless/')) {
    if (/nonroot/.test(tag)) facts.defaultUser = NONROOT;
    facts.shippedUser = NONROOT;
    if (/^distroless\/nodejs/.test(path)) facts.tools.add('node');
    if (/^distroless\/python/.test(path)) facts.tools.add('python');
    if (/debug/.test(tag)) facts.tools.add('sh').add('busybox-wget');
    return facts;
  }
  if (ref.registry === 'cgr.dev') {
    // Chainguard images run as nonroot (65532) by default.
    facts.defaultUser = NONROOT;
    facts.shippedUser = NONROOT;
    return facts;
  }
  if (ref.registry === 'mcr.microsoft.com' && path.startsWith('dotnet/')) {
    // .NET 8+ images ship an `app` user; chiseled/distroless variants run as it by default.
    // (Earlier versions have no such user: a USER app there would not start.)
    const major = Number(/^(\d+)\./.exec(tag)?.[1] ?? NaN);
    if (!(major < 8)) facts.shippedUser = DOTNET_APP_USER;
    if (/chiseled|distroless|extra/.test(tag)) facts.defaultUser = DOTNET_APP_USER;
    if (/^dotnet\/(aspnet)/.test(path)) facts.isServer = true;
    return facts;
  }
  if (ref.registry === DOCKER_HUB && path.startsWith('bitnami/')) {
    facts.defaultUser = { name: '1001', uid: 1001, gid: 0 };
  }
  if ((ref.registry === DOCKER_HUB && /^jlesage\/baseimage(-gui)?$/.test(path)) || /^linuxserver\//.test(path)) facts.initDropsToUser = true;
  if (/nginx-unprivileged/.test(path)) facts.defaultUser = { name: 'nginx', uid: 101, gid: 101 };

  if (!ref.official) return facts;
  const name = ref.name;
  if (name === 'node') {
    facts.shippedUser = NODE_USER;
    facts.tools.add('node');
  }
  if (name === 'python' || name === 'pypy') facts.tools.add('python');
  const slim = /slim|alpine/.test(tag);
  if (BUILDPACK_DEPS_IMAGES.has(name) && !slim) facts.tools.add('curl').add('wget');
  const server = SERVERS[name];
  if (server) {
    facts.isServer = true;
    facts.defaultPort = server.port;
    facts.probe = server.probe ?? null;
    facts.startsAsRoot = server.startsAsRoot ?? false;
    facts.entrypointDropsToUser = server.gosuEntrypoint ?? false;
    if (server.user) facts.defaultUser = server.user;
    for (const tool of server.tools ?? []) facts.tools.add(tool);
  }
  return facts;
}

function familyOf(ref: ImageRef, tag: string): Family {
  const path = ref.repository;
  if (/windowsservercore|nanoserver|ltsc20\d\d|windows/.test(`${path}:${tag}`)) return 'windows';
  if (ref.registry === 'gcr.io' && path.startsWith('distroless/')) return 'distroless';
  if (ref.registry === 'cgr.dev') return 'distroless';
  if (ref.registry === 'mcr.microsoft.com') {
    if (/chiseled|distroless/.test(tag)) return 'distroless';
    if (/alpine/.test(tag)) return 'alpine';
    if (/azurelinux|cbl-mariner|mariner/.test(tag)) return 'rhel';
    return path.startsWith('dotnet/') ? 'debian' : 'unknown';
  }
  if (/(^|\/)(ubi\d*|ubi\d+-minimal|ubi\d+-micro)/.test(path) || ref.registry.includes('redhat')) return 'rhel';
  if (/alpine/.test(tag) || ref.name === 'alpine') return 'alpine';
  if (ref.name === 'busybox') return 'busybox';
  if (!ref.official) return /(bookworm|bullseye|buster|trixie|jammy|noble|focal|debian|ubuntu)/.test(tag) ? 'debian' : 'unknown';
  if (ref.name === 'mysql' && /debian|oracle/.test(tag)) return tag.includes('debian') ? 'debian' : 'rhel';
  if (RHEL_BASED.has(ref.name)) return 'rhel';
  if (DEBIAN_BASED.has(ref.name) || UBUNTU_BASED.has(ref.name)) return 'debian';
  return 'unknown';
}
