/**
 * Checks that a suggestion does what its title says, by running the fixed image: the
 * health check passes while the service answers and fails when it does not, the program is
 * the process that gets SIGTERM, the new user is not root and can write where the app writes.
 * Waits are for events (a port that accepts, a line on stdout, a process that exits).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import type { BuiltImage, Service } from './buildCase';

export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** How long a service may take to open or close its port before the case fails. */
const PORT_DEADLINE_MS = 60_000;
/** Between connection attempts: often enough to see the change at once, without spinning. */
const RETRY_MS = 25;

/**
 * Resolves when the port accepts a connection (the service is up); rejects when the service
 * ends first or the deadline passes.
 */
export function waitForPort(port: number, service: Service): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    };
    const deadline = setTimeout(() => settle(new Error(`nothing listened on ${port} within ${PORT_DEADLINE_MS / 1000} s`)), PORT_DEADLINE_MS);
    service.done.then((run) => settle(new Error(`the service ended before it listened on ${port}: ${run.stderr.slice(-500)}`)));
    const attempt = () => {
      if (settled) return;
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), settle()));
      // Refused: the service is still starting.
      socket.once('error', () => setTimeout(attempt, RETRY_MS));
    };
    attempt();
  });
}

/** Resolves when nothing accepts on the port any more; rejects after the deadline. */
export function waitForPortClosed(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const attempt = () => {
      if (Date.now() - started > PORT_DEADLINE_MS) return reject(new Error(`port ${port} still accepts ${PORT_DEADLINE_MS / 1000} s after the service was stopped`));
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), setTimeout(attempt, RETRY_MS)));
      socket.once('error', () => resolve());
    };
    attempt();
  });
}

/** The argv Docker runs for a HEALTHCHECK test. */
export function healthcheckArgv(image: BuiltImage): string[] {
  const test = image.config.Healthcheck?.Test;
  assert.ok(test && test.length > 1, `the image has no HEALTHCHECK: ${JSON.stringify(image.config.Healthcheck)}`);
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test[1]];
  assert.equal(test[0], 'CMD');
  return test.slice(1);
}

/**
 * The check fails while nothing listens, passes once the image's own command serves the port,
 * and fails again after the service is stopped.
 */
export async function assertHealthcheckTracksService(image: BuiltImage, port: number): Promise<void> {
  const check = healthcheckArgv(image);
  const down = await image.exec(check, { timeoutMs: 20_000 });
  assert.notEqual(down.code, 0, 'the health check passes with no service running');
  assert.ok(down.code === 1 || down.code === null || down.code > 2, `exit status ${down.code}: Docker reserves 2`);
  const service = await image.spawn([...(image.config.Entrypoint ?? []), ...(image.config.Cmd ?? [])]);
  try {
    await waitForPort(port, service);
    const up = await image.exec(check, { timeoutMs: 20_000 });
    assert.equal(up.code, 0, `the health check fails while the service answers on ${port}: ${up.stdout}${up.stderr}`);
  } finally {
    await service.stop();
  }
  await waitForPortClosed(port);
  const after = await image.exec(check, { timeoutMs: 20_000 });
  assert.notEqual(after.code, 0, 'the health check still passes after the service stopped');
}

function children(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/**
 * The container's first process: the highest descendant of buildah whose root is the
 * container's, below buildah's own chroot helper (where Docker's PID 1 would be).
 */
export function containerTopProcess(buildahPid: number): { pid: number; argv: string[] } | null {
  const queue = [buildahPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    let root = '/';
    try {
      root = readlinkSync(`/proc/${pid}/root`);
    } catch {
      continue;
    }
    const argv = root !== '/' ? readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) : [];
    // buildah's chroot runtime stays in the container as the parent of the command it starts.
    if (root !== '/' && argv[0] !== 'buildah-chroot-exec') return { pid, argv };
    queue.push(...children(pid));
  }
  return null;
}

/**
 * Starts the image's command, waits for `ready` on its output, sends SIGTERM to the
 * container's first process and expects the program itself to report it (`got`).
 */
export async function assertProgramGetsSigterm(image: BuiltImage, program: RegExp, ready = 'ready', got = 'got SIGTERM'): Promise<void> {
  let output = '';
  let signalReady: () => void = () => {};
  const isReady = new Promise<void>((resolve) => (signalReady = resolve));
  const service = await image.spawn([...(image.config.Entrypoint ?? []), ...(image.config.Cmd ?? [])], (chunk) => {
    output += chunk;
    if (output.includes(ready)) signalReady();
  });
  try {
    await Promise.race([
      isReady,
      service.done.then((run) => {
        throw new Error(`ended before "${ready}": ${run.stderr}`);
      }),
    ]);
    const top = containerTopProcess(service.pid);
    assert.ok(top, 'no process found in the container');
    assert.match(top.argv.join(' '), program, `the first process is ${JSON.stringify(top.argv)}`);
    process.kill(top.pid, 'SIGTERM');
    const run = await service.done;
    // The program's own report, or its clean exit: buildah relays the container's output through
    // a pipe that can lose the last line when the process ends at once (seen twice under load).
    // A program that did not handle SIGTERM dies of it (status 143), and the worker never exits
    // by itself, so status 0 is the handler's.
    assert.ok(run.stdout.includes(got) || run.code === 0, `the program did not see SIGTERM (status ${run.code}): ${run.stdout}`);
  } finally {
    killGroup(service.pid);
  }
}

/** The image runs as a user other than root, and that user can write in each folder. */
export async function assertNonRootCanWrite(image: BuiltImage, folders: readonly string[]): Promise<void> {
  const id = await image.exec(['id', '-u']);
  assert.equal(id.code, 0, id.stderr);
  assert.notEqual(id.stdout.trim(), '0', 'the fixed image still runs as root');
  for (const folder of folders) {
    const probe = `${folder}/.dfh-write-probe`;
    const wrote = await image.exec(['sh', '-c', `echo ok > '${probe}' && rm '${probe}'`]);
    assert.equal(wrote.code, 0, `user ${id.stdout.trim()} cannot write to ${folder}: ${wrote.stderr}`);
  }
}
