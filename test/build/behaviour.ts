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

/** Resolves when something accepts on the port, or rejects when `service` ends first. */
export function waitForPort(port: number, service: Service): Promise<void> {
  return new Promise((resolve, reject) => {
    let ended = false;
    service.done.then((run) => {
      ended = true;
      reject(new Error(`the service ended before it listened on ${port}: ${run.stderr.slice(-500)}`));
    });
    const attempt = () => {
      if (ended) return;
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve()));
      // Refused: the service is still starting; try again when this attempt has failed.
      socket.once('error', () => setImmediate(attempt));
    };
    attempt();
  });
}

/** Resolves when nothing accepts on the port any more. */
export function waitForPortClosed(port: number): Promise<void> {
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), setImmediate(attempt)));
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
    await Promise.race([isReady, service.done.then((run) => { throw new Error(`ended before "${ready}": ${run.stderr}`); })]);
    const top = containerTopProcess(service.pid);
    assert.ok(top, 'no process found in the container');
    assert.match(top.argv.join(' '), program, `the first process is ${JSON.stringify(top.argv)}`);
    process.kill(top.pid, 'SIGTERM');
    const run = await service.done;
    assert.match(run.stdout, new RegExp(got), `the program did not see SIGTERM: ${run.stdout}`);
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
