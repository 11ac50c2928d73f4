/**
 * Local stand-ins for the base images the cases build FROM, made once from Debian's packages
 * and kept in the build store (outside the repository). They carry the real names
 * (`debian:12-slim`, `busybox:1.36`…) so the linter sees the Dockerfiles a user would write,
 * and `--pull=never` makes a missing stand-in an error instead of a download.
 */
import { copyFile, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { build, buildah, imageExists, run, STORE, tail } from './buildah';

const IMAGES = join(__dirname, 'images');
const ROOTFS = join(STORE, 'debian-bookworm-minbase.tar');

interface StandIn {
  folder: string;
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
  { folder: 'debian-sudo', tags: ['registry.example.com/platform/debian-sudo:12'] },
];

async function debianRootfs(): Promise<string> {
  if (await stat(ROOTFS).then((s) => s.isFile(), () => false)) return ROOTFS;
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
    if ((await Promise.all(standIn.tags.map(imageExists))).every(Boolean)) continue;
    const started = Date.now();
    const context = await mkdtemp(join(tmpdir(), `dfh-base-${standIn.folder}-`));
    try {
      await copyFile(join(IMAGES, standIn.folder, 'Containerfile'), join(context, 'Containerfile'));
      await standIn.prepare?.(context);
      const [first, ...others] = standIn.tags;
      const built = await build(context, first);
      if (built.code !== 0) throw new Error(`base image ${first} did not build:\n${tail(built.stderr)}`);
      for (const other of others) await buildah(['tag', first, other]);
      log(`base image ${standIn.tags.join(', ')} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } finally {
      await rm(context, { recursive: true, force: true });
    }
  }
}
