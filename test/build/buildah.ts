/**
 * Real image builds for the build-verification suite: Debian's buildah as root, vfs storage,
 * chroot isolation, Docker image format (so HEALTHCHECK is kept) and never a pull. The storage
 * lives outside the repository so that base images survive between runs.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

export const STORE = process.env.DFH_BUILD_STORE ?? '/var/tmp/dockerfile-hardening-build';

/**
 * overlay where the kernel has it (a container costs a mount, not a copy of the base image),
 * else vfs; DFH_BUILD_DRIVER chooses. Each driver has its own storage.
 */
let driver = process.env.DFH_BUILD_DRIVER ?? (existsSync('/proc/filesystems') && /\toverlay$/m.test(readFileSync('/proc/filesystems', 'utf8')) ? 'overlay' : 'vfs');
export const storageDriver = () => driver;
export function useVfs(): void {
  driver = 'vfs';
}
const globalArgs = () => ['--root', join(STORE, `storage-${driver}`), '--runroot', join(STORE, `run-${driver}`), '--storage-driver', driver];

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  timeoutMs?: number;
  input?: string;
  /** Called with the child as soon as it starts (to wait for a port, or to signal it). */
  onStart?: (pid: number) => void;
  /** Called with each chunk of standard output as it arrives (to wait for "ready"). */
  onStdout?: (chunk: string) => void;
}

/** Runs a command and collects its output; a command past its time is killed, never waited on forever. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      options.onStdout?.(String(d));
    });
    child.stderr.on('data', (d) => (stderr += d));
    // A command that exits before reading its input closes the pipe: not an error of the run.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, options.timeoutMs ?? 300_000);
    child.on('spawn', () => options.onStart?.(child.pid!));
    child.on('error', (error) => {
      stderr += String(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

export function buildah(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return run('buildah', [...globalArgs(), ...args], options);
}

async function must(args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await buildah(args, options);
  if (result.code !== 0) throw new Error(`buildah ${args.join(' ')} failed (${result.code}): ${tail(result.stderr || result.stdout)}`);
  return result.stdout.trim();
}

export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface BuildOptions {
  /** `--secret id=…,src=…` pairs: id to a file on the host. */
  secrets?: Record<string, string>;
  buildArgs?: Record<string, string>;
  file?: string;
  target?: string;
}

/** Builds `dir` as `tag`; the log is returned either way so a failure can be shown. */
export async function build(dir: string, tag: string, options: BuildOptions = {}): Promise<Run> {
  const args = ['bud', '--isolation', 'chroot', '--format', 'docker', '--pull=never', '--layers=false', '-t', tag];
  for (const [id, src] of Object.entries(options.secrets ?? {})) args.push('--secret', `id=${id},src=${src}`);
  for (const [name, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
  if (options.file) args.push('-f', options.file);
  if (options.target) args.push('--target', options.target);
  const first = await buildah([...args, dir], { timeoutMs: 600_000 });
  // Two cases build at once on one store; buildah's commit can then lose a layer another build's
  // cleanup just removed ("layer not known", seen once in a fresh-clone run, on an original that
  // builds everywhere else). That is the store, not the Dockerfile: one more try, for that only.
  if (first.code !== 0 && /layer not known/.test(`${first.stdout}\n${first.stderr}`)) return buildah([...args, dir], { timeoutMs: 600_000 });
  return first;
}

export async function imageExists(tag: string): Promise<boolean> {
  return (await buildah(['inspect', '--type', 'image', tag])).code === 0;
}

export async function removeImage(tag: string): Promise<void> {
  await buildah(['rmi', '-f', tag]);
}

/** The parts of an image's configuration a fix could change. */
export interface ImageConfig {
  User: string;
  Env: string[];
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  WorkingDir: string;
  ExposedPorts: string[];
  Healthcheck: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number } | null;
  Volumes: string[];
  Labels: Record<string, string>;
  StopSignal: string;
  OnBuild: string[];
}

export async function imageConfig(tag: string): Promise<ImageConfig> {
  const inspected = JSON.parse(await must(['inspect', '--type', 'image', tag]));
  const config = inspected.Docker?.config ?? {};
  return {
    User: config.User ?? '',
    Env: config.Env ?? [],
    Entrypoint: config.Entrypoint?.length ? config.Entrypoint : null,
    Cmd: config.Cmd?.length ? config.Cmd : null,
    WorkingDir: config.WorkingDir ?? '',
    ExposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    Healthcheck: config.Healthcheck ?? null,
    Volumes: Object.keys(config.Volumes ?? {}).sort(),
    Labels: config.Labels ?? {},
    StopSignal: config.StopSignal ?? '',
    OnBuild: config.OnBuild ?? [],
  };
}

/** The image's history: what each layer was created by (where a build argument's value shows). */
export async function imageHistory(tag: string): Promise<string[]> {
  const inspected = JSON.parse(await must(['inspect', '--type', 'image', tag]));
  const history: { created_by?: string }[] = inspected.Docker?.history ?? inspected.OCIv1?.history ?? [];
  return history.map((h) => h.created_by ?? '');
}

/** A working container from an image and where its root file system is mounted. */
export async function createContainer(tag: string): Promise<{ container: string; rootfs: string }> {
  const container = await must(['from', '--pull=never', '-q', tag]);
  return { container, rootfs: await must(['mount', container]) };
}

export async function removeContainer(container: string): Promise<void> {
  await buildah(['rm', container]);
}

export interface RunInOptions extends RunOptions {
  user?: string;
}

/** Runs argv in the container with the image's user, working folder and environment. */
export function runIn(container: string, argv: readonly string[], options: RunInOptions = {}): Promise<Run> {
  const args = ['run', '--isolation', 'chroot'];
  if (options.user) args.push('--user', options.user);
  return buildah([...args, container, '--', ...argv], { timeoutMs: 60_000, ...options });
}

/** A short SHA-256 of a file's content. */
async function digest(path: string): Promise<string> {
  const hash = createHash('sha256');
  if (path.endsWith('.pyc')) hash.update(withoutSourceTime(await readFile(path)));
  else for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A compiled Python file records its source's modification time (bytes 8–11 when the flags word
 * at 4–7 is 0, PEP 552), and pip writes the sources at install time: two builds of one
 * Dockerfile differ there and nowhere else. The compiled code and the source size still count.
 */
function withoutSourceTime(pyc: Buffer): Buffer {
  if (pyc.length < 16 || pyc.readUInt32LE(4) !== 0) return pyc;
  const copy = Buffer.from(pyc);
  copy.fill(0, 8, 12);
  return copy;
}

/** Every path under a root file system with its type, mode, owner, size, content digest and link target. */
export async function fileTree(rootfs: string, ignore: (path: string) => boolean): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  const walk = async (dir: string, prefix: string) => {
    for (const name of (await readdir(dir)).sort()) {
      const path = `${prefix}/${name}`;
      if (ignore(path)) continue;
      const full = join(dir, name);
      const stat = await lstat(full);
      const type = stat.isDirectory() ? 'd' : stat.isSymbolicLink() ? 'l' : stat.isFile() ? 'f' : 'o';
      // Regular files by size and content: a fix that rewrote a file to the same length shows.
      const size = type === 'f' ? ` ${stat.size} ${await digest(full)}` : '';
      const target = type === 'l' ? ` -> ${await readlink(full)}` : '';
      tree.set(path, `${type} ${(stat.mode & 0o7777).toString(8)} ${stat.uid}:${stat.gid}${size}${target}`);
      if (type === 'd') await walk(full, path);
    }
  };
  await walk(rootfs, '');
  return tree;
}
