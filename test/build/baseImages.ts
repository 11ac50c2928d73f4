/**
 * Local stand-ins for the base images the cases build FROM, made once from Debian's packages
 * and kept in the build store (outside the repository). They carry the real names
 * (`debian:12-slim`, `busybox:1.36`…) so the linter sees the Dockerfiles a user would write,
 * and `--pull=never` makes a missing stand-in an error instead of a download.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFile, cp, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { build, buildah, imageExists, run, STORE, tail } from './buildah';

const IMAGES = join(__dirname, 'images');
const ROOTFS = join(STORE, 'debian-bookworm-minbase.tar');

interface StandIn {
  /** Its name in the store (the folder's, unless one Containerfile makes several). */
  name?: string;
  folder: string;
  buildArgs?: Record<string, string>;
  tags: string[];
  /** Files from the host copied into the build context first. */
  prepare?: (context: string) => Promise<void>;
}

const STAND_INS: StandIn[] = [
  {
    folder: 'debian-slim',
    tags: ['docker.io/library/debian:12-slim', 'docker.io/library/debian:bookworm-slim'],
    prepare: async (context) => copyFile(await debianRootfs(), join(context, 'rootfs.tar')),
  },
  { folder: 'debian', tags: ['docker.io/library/debian:12', 'docker.io/library/debian:bookworm'] },
  { folder: 'busybox', tags: ['docker.io/library/busybox:1.36'], prepare: (context) => copyFile('/bin/busybox', join(context, 'busybox')) },
  { folder: 'python', tags: ['docker.io/library/python:3.11-slim'] },
  {
    name: 'node-slim',
    folder: 'node',
    buildArgs: { BASE: 'docker.io/library/debian:12-slim' },
    tags: ['docker.io/library/node:20-slim', 'docker.io/library/node:20-bookworm-slim'],
    prepare: hostNode,
  },
  { folder: 'node', buildArgs: { BASE: 'docker.io/library/debian:12' }, tags: ['docker.io/library/node:20', 'docker.io/library/node:20-bookworm'], prepare: hostNode },
  { folder: 'buildpack-deps-scm', tags: ['docker.io/library/buildpack-deps:bookworm-scm'] },
  { folder: 'golang', tags: ['docker.io/library/golang:1.19', 'docker.io/library/golang:1.19-bookworm'] },
  { folder: 'debian-sudo', tags: ['registry.example.com/platform/debian-sudo:12'] },
  { folder: 'platform-runtime', tags: ['registry.example.com/platform/runtime:3.2'] },
  { folder: 'temurin-jdk', tags: ['docker.io/library/eclipse-temurin:17.0.13_11-jdk'] },
  { folder: 'temurin-jre', tags: ['docker.io/library/eclipse-temurin:17.0.13_11-jre'] },
];

/**
 * The Node.js running these tests (an official build: it needs only glibc and libstdc++) and
 * its npm. Nothing is downloaded, so the stand-in is the same Node everywhere the tests pass.
 */
async function hostNode(context: string): Promise<void> {
  await copyFile(process.execPath, join(context, 'node'));
  const globalRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
  await cp(join(globalRoot, 'npm'), join(context, 'npm'), { recursive: true, verbatimSymlinks: true });
}

/**
 * A tag naming the Containerfile's content and those of the stand-ins listed before it (which
 * it may build FROM), so an edited stand-in, and every one after it, is built again.
 */
async function versionTag(standIn: StandIn): Promise<string> {
  const hash = createHash('sha256');
  for (const earlier of STAND_INS.slice(0, STAND_INS.indexOf(standIn) + 1)) {
    hash
      .update(await readFile(join(IMAGES, earlier.folder, 'Containerfile')))
      .update(earlier.tags.join(','))
      .update(JSON.stringify(earlier.buildArgs ?? {}));
  }
  return `localhost/dfh-stand-in/${standIn.name ?? standIn.folder}:${hash.digest('hex').slice(0, 12)}`;
}

async function debianRootfs(): Promise<string> {
  if (
    await stat(ROOTFS).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return ROOTFS;
  // mmdebstrap picks the output format from the name: it must end in .tar.
  const partial = ROOTFS.replace(/\.tar$/, '.partial.tar');
  await rm(partial, { recursive: true, force: true });
  await rm(ROOTFS, { recursive: true, force: true });
  const made = await run('mmdebstrap', ['--variant=minbase', '--quiet', 'bookworm', partial, 'http://deb.debian.org/debian'], { timeoutMs: 900_000 });
  if (made.code !== 0) throw new Error(`mmdebstrap failed: ${tail(made.stderr)}`);
  await rename(partial, ROOTFS);
  return ROOTFS;
}

/** Builds every stand-in that is not in the store yet, in order (later ones build FROM earlier ones). */
export async function prepareBaseImages(log: (line: string) => void): Promise<void> {
  for (const standIn of STAND_INS) {
    const version = await versionTag(standIn);
    if ((await Promise.all([version, ...standIn.tags].map(imageExists))).every(Boolean)) continue;
    const started = Date.now();
    const context = await mkdtemp(join(tmpdir(), `dfh-base-${standIn.folder}-`));
    try {
      await copyFile(join(IMAGES, standIn.folder, 'Containerfile'), join(context, 'Containerfile'));
      await standIn.prepare?.(context);
      const [first, ...others] = standIn.tags;
      const built = await build(context, first, { buildArgs: standIn.buildArgs });
      if (built.code !== 0) throw new Error(`base image ${first} did not build:\n${tail(built.stderr)}`);
      for (const other of [...others, version]) await buildah(['tag', first, other]);
      log(`base image ${standIn.tags.join(', ')} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } finally {
      await rm(context, { recursive: true, force: true });
    }
  }
}
