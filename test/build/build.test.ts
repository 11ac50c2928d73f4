/**
 * Every fix proven on a real image build (`npm run test:build`). For each case the original and
 * the fixed Dockerfile are built with buildah; a safe fix must leave the image the same apart
 * from its intent (config, file tree outside package caches, the command's output), a
 * suggestion must build and pass its case's behaviour check. Prints, per rule, what was proven.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContextCache } from '../../server/src/config/contextCache';
import { fixText } from '../../server/src/engine/edits/fixAll';
import { initEngine, type LintOptions } from '../../server/src/engine/linter';
import { linter } from '../../server/src/defaultLinter';
import { applyEdits, SourceText } from '../../server/src/engine/sourceText';
import type { Finding, Fix } from '../../server/src/engine/types';
import { ruleById } from '../../server/src/rules';
import { prepareBaseImages } from './baseImages';
import { build, buildah, createContainer, fileTree, imageConfig, imageHistory, removeContainer, removeImage, runIn, storageDriver, STORE, tail, useVfs, type ImageConfig } from './buildah';
import type { BuildCase, BuiltImage, RuleCases } from './buildCase';
import type { Run } from './buildah';
import { killGroup } from './behaviour';
import { sameFiles, VOLATILE } from './compare';

const CASES: RuleCases[] = readdirSync(join(__dirname, 'cases'))
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => require(join(__dirname, 'cases', name)).default as RuleCases)
  .filter((group) => !process.env.DFH_BUILD_ONLY || process.env.DFH_BUILD_ONLY.split(',').includes(group.rule));

type Proof = 'built' | 'config' | 'files' | 'output' | 'behaviour' | 'withheld';
const proofs = new Map<string, { cases: number; proven: Map<Proof, number> }>();
function record(rule: string, kinds: Proof[]) {
  const entry = proofs.get(rule) ?? { cases: 0, proven: new Map() };
  entry.cases++;
  for (const kind of kinds) entry.proven.set(kind, (entry.proven.get(kind) ?? 0) + 1);
  proofs.set(rule, entry);
}

let serial = 0;
const workRoot = mkdtemp(join(tmpdir(), 'dfh-build-'));

/**
 * An image and one working container of it, made on first use: the file tree is read before
 * anything runs in it, and the case's commands share it (they only read, or write where the
 * app writes).
 */
function image(tag: string, config: ImageConfig, containers: string[]): BuiltImage {
  let made: Promise<{ container: string; rootfs: string }> | null = null;
  const container = () => (made ??= createContainer(tag).then((c) => (containers.push(c.container), c)));
  let tree: Promise<Map<string, string>> | null = null;
  const files = () => (tree ??= container().then(({ rootfs }) => fileTree(rootfs, VOLATILE)));
  return {
    tag,
    config,
    files,
    history: () => imageHistory(tag),
    exec: async (argv, options = {}) => (await files(), runIn((await container()).container, argv, options)),
    spawn: async (argv, onStdout) => {
      await files();
      const { container: name } = await container();
      let pid = 0;
      let done: Promise<Run> | null = null;
      await new Promise<void>((resolve) => {
        done = runIn(name, argv, { timeoutMs: 120_000, onStdout, onStart: (p) => ((pid = p), resolve()) });
      });
      return { pid, done: done!, stop: async () => (killGroup(pid), done!) };
    },
    command: async (timeoutMs = 30_000) => {
      await files();
      const argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
      const first = await runIn((await container()).container, argv, { timeoutMs });
      // buildah run (chroot isolation) once returned a short command's exit status 0 with none of
      // its output, on a loaded CI machine (no-sudo's `stat`, alone it always printed). A silent
      // success is run once more: a command that really prints nothing prints nothing again.
      if (first.code !== 0 || first.stdout !== '' || first.stderr !== '') return first;
      return runIn((await container()).container, argv, { timeoutMs });
    },
  };
}

async function writeContext(dir: string, dockerfile: string, files: Record<string, string> = {}) {
  await mkdir(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
}

function lintOptions(dockerfilePath: string, rule: string): LintOptions {
  const contexts = new ContextCache();
  const meta = ruleById(rule)!.meta;
  return {
    filePath: dockerfilePath,
    rules: [ruleById(rule)!],
    buildContext: () => contexts.forFile(dockerfilePath),
    // The case's Dockerfile is a shipped image at the root of its project (the temporary folder's name is no evidence).
    roleFacts: { repositoryPath: 'Dockerfile' },
    // A rule that is off by default is proven as a user who turned it on uses it.
    severityOverrides: meta.offByDefault ? [{ rule, severity: meta.severity }] : [],
  };
}

/** The case's fixed Dockerfile (and other files it writes), or why there is none. */
async function applyCaseFix(rule: string, testCase: BuildCase, dir: string): Promise<{ fixed: string; fixes: Fix[]; writeOtherFiles: () => Promise<void> }> {
  const path = join(dir, 'Dockerfile');
  const options = lintOptions(path, rule);
  const findings = linter.lintFile(path, testCase.dockerfile, options).findings.filter((f) => f.ruleId === rule);
  const safeFixes = findings.map((f) => f.fix).filter((f): f is Fix => !!f);
  if (testCase.fix !== 'withheld') assert.ok(findings.length > 0, `${rule} reports nothing on this case`);
  else {
    assert.deepEqual(
      safeFixes.map((f) => f.title),
      [],
      'a safe fix is offered where it cannot be proven',
    );
    return { fixed: testCase.dockerfile, fixes: [], writeOtherFiles: async () => {} };
  }
  if (testCase.fix === 'safe') {
    assert.ok(safeFixes.length > 0, `no safe fix offered (offered: ${titles(findings)})`);
    return { fixed: fixText(linter, testCase.dockerfile, options).text, fixes: safeFixes, writeOtherFiles: async () => {} };
  }
  const pattern = testCase.fix;
  const chosen = findings.flatMap((f) => [f.fix, ...(f.suggestions ?? [])]).find((f): f is Fix => !!f && pattern.test(f.title));
  assert.ok(chosen, `no fix titled ${pattern} (offered: ${titles(findings)})`);
  // Other files (a .dockerignore) are written after the original is built, not before.
  const writeOtherFiles = async () => {
    for (const other of chosen.otherFiles ?? []) {
      const current = other.create ? '' : await readFile(other.path, 'utf8');
      await writeFile(other.path, applyEdits(new SourceText(current), other.edits));
    }
  };
  return { fixed: applyEdits(new SourceText(testCase.dockerfile), chosen.edits), fixes: [chosen], writeOtherFiles };
}

function titles(findings: Finding[]): string {
  return (
    findings
      .flatMap((f) => [f.fix, ...(f.suggestions ?? [])])
      .filter((f): f is Fix => !!f)
      .map((f) => `"${f.title}"`)
      .join(', ') || 'none'
  );
}

async function buildImage(dir: string, testCase: BuildCase, dockerfile: string, label: string): Promise<{ tag: string; ok: boolean; log: string }> {
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  const secrets: Record<string, string> = {};
  for (const [id, value] of Object.entries(testCase.secrets ?? {})) {
    secrets[id] = join(dir, '..', `secret-${id}`);
    await writeFile(secrets[id], value);
  }
  const tag = `localhost/dfh-case-${process.pid}-${++serial}-${label}`;
  // Build arguments go to the original only: a fixed Dockerfile that still needed one would show it.
  const built = await build(dir, tag, { secrets, buildArgs: label === 'before' ? testCase.buildArgs : undefined });
  return { tag, ok: built.code === 0, log: tail(built.stderr || built.stdout, 25) };
}

async function proveCase(rule: string, testCase: BuildCase): Promise<void> {
  const root = await mkdtemp(join(await workRoot, 'case-'));
  const dir = join(root, 'context');
  const tags: string[] = [];
  const containers: string[] = [];
  try {
    await writeContext(dir, testCase.dockerfile, testCase.files);
    await testCase.prepare?.(dir);
    const { fixed, fixes, writeOtherFiles } = await applyCaseFix(rule, testCase, dir);
    const before = await buildImage(dir, testCase, testCase.dockerfile, 'before');
    tags.push(before.tag);
    if (testCase.beforeFails) assert.ok(!before.ok, 'the original was expected to fail to build');
    else assert.ok(before.ok, `the original does not build:\n${before.log}`);
    if (testCase.fix === 'withheld') {
      record(rule, ['withheld']);
      return;
    }
    const wroteOtherFiles = fixes.some((fix) => (fix.otherFiles ?? []).length > 0);
    assert.ok(fixed !== testCase.dockerfile || wroteOtherFiles, 'the fix changed nothing');
    await writeOtherFiles();
    const afterBuild = await buildImage(dir, testCase, fixed, 'after');
    tags.push(afterBuild.tag);
    if (testCase.afterFails) {
      assert.ok(!afterBuild.ok, `the fixed Dockerfile still builds, hiding the failure:\n${fixed}`);
      assert.match(afterBuild.log, testCase.afterFails, 'the fixed build fails for another reason');
      record(rule, ['built', 'behaviour']);
      return;
    }
    assert.ok(afterBuild.ok, `the fixed Dockerfile does not build:\n${afterBuild.log}\n--- fixed Dockerfile ---\n${fixed}`);
    const afterImage = image(afterBuild.tag, await imageConfig(afterBuild.tag), containers);
    // One image (and at most one container) per build, shared by the comparison and the behaviour check.
    const beforeImage = before.ok ? image(before.tag, await imageConfig(before.tag), containers) : afterImage;
    const kinds: Proof[] = ['built'];
    if (testCase.fix === 'safe' && before.ok) {
      const intent = new Set(testCase.intent ?? []);
      for (const key of Object.keys(beforeImage.config) as (keyof ImageConfig)[]) {
        if (!intent.has(key)) assert.deepEqual(afterImage.config[key], beforeImage.config[key], `config ${key} changed`);
      }
      kinds.push('config');
      sameFiles(await beforeImage.files(), await afterImage.files(), testCase.intentPaths ?? []);
      kinds.push('files');
      const [was, is] = [await beforeImage.command(), await afterImage.command()];
      assert.ok(!was.timedOut, "the original image's command did not finish");
      assert.ok(!is.timedOut, "the fixed image's command did not finish");
      if (!testCase.outputChanges) {
        assert.equal(is.code, was.code, `exit status changed: ${was.stderr} / ${is.stderr}`);
        assert.equal(is.stdout, was.stdout, `the command's output changed (stderr before: ${tail(was.stderr, 3)}; after: ${tail(is.stderr, 3)})`);
      } else {
        assert.equal(is.code, 0, `the fixed command fails: ${tail(is.stderr)}`);
      }
      kinds.push('output');
    }
    if (testCase.behaviour) {
      await testCase.behaviour({ before: beforeImage, after: afterImage, fixed });
      kinds.push('behaviour');
    }
    assert.ok(testCase.fix === 'safe' || testCase.behaviour, 'a suggestion case needs a behaviour check');
    record(rule, kinds);
  } finally {
    for (const container of containers) await removeContainer(container);
    for (const tag of tags) await removeImage(tag);
    await rm(root, { recursive: true, force: true });
  }
}

const available = existsSync('/usr/bin/buildah') && process.getuid?.() === 0;

describe('fixes proven on real image builds', { concurrency: 2 }, () => {
  before(
    async () => {
      assert.ok(available, "needs root and Debian's buildah and mmdebstrap (.ci/run installs them)");
      await initEngine();
      await mkdir(STORE, { recursive: true });
      try {
        await prepareBaseImages((line) => console.log(line));
      } catch (error) {
        // Only a failed build is a reason to try vfs; anything else is the same error again.
        if (storageDriver() !== 'overlay' || !/did not build/.test((error as Error).message)) throw error;
        console.log(`overlay storage does not work here, using vfs: ${(error as Error).message.split('\n')[0]}`);
        useVfs();
        await prepareBaseImages((line) => console.log(line));
      }
      console.log(`building with buildah, ${storageDriver()} storage, chroot isolation`);
      await buildah(['rm', '--all']);
    },
    { timeout: 1_800_000 },
  );

  after(async () => {
    await rm(await workRoot, { recursive: true, force: true });
    const lines = [...proofs]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rule, { cases, proven }]) => `  ${rule.padEnd(28)} ${String(cases).padStart(2)} cases: ${[...proven].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
    console.log(`build proofs per rule:\n${lines.join('\n')}`);
  });

  for (const group of CASES) {
    for (const testCase of group.cases) {
      it(`${group.rule}: ${testCase.name}`, { timeout: 900_000 }, () => proveCase(group.rule, testCase));
    }
  }
});

// The comparison itself must be able to fail: two images that differ in one file's mode, one
// file's size and the user are told apart.
describe('the image comparison', () => {
  it('sees a changed mode, size, content and user', { timeout: 300_000, skip: !available && 'needs root and buildah' }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'dfh-build-self-'));
    const containers: string[] = [];
    const tags: string[] = [];
    try {
      const images: BuiltImage[] = [];
      for (const [label, dockerfile] of [
        ['a', 'FROM busybox:1.36\nRUN echo one > /f && chmod 644 /f\n'],
        ['b', 'FROM busybox:1.36\nRUN echo three > /f && chmod 600 /f\nUSER 1000\n'],
        // Same mode and size as a: only the content differs.
        ['c', 'FROM busybox:1.36\nRUN echo two > /f && chmod 644 /f\n'],
      ]) {
        const dir = join(root, label);
        await writeContext(dir, dockerfile);
        const built = await buildImage(dir, { name: label, dockerfile, fix: 'safe' }, dockerfile, label);
        assert.ok(built.ok, built.log);
        tags.push(built.tag);
        images.push(image(built.tag, await imageConfig(built.tag), containers));
      }
      assert.notEqual(images[0].config.User, images[1].config.User);
      assert.throws(() => sameFiles(new Map([['/f', 'f 644 0:0 4']]), new Map(), []), /differs in 1 places/);
      const [a, b, c] = [await images[0].files(), await images[1].files(), await images[2].files()];
      assert.throws(
        () => sameFiles(a, b, []),
        (error: Error) => /changed \/f: f 644 0:0 4 \w+ -> f 600 0:0 6 \w+/.test(error.message),
      );
      assert.throws(
        () => sameFiles(a, c, []),
        (error: Error) => /changed \/f: f 644 0:0 4 (\w+) -> f 644 0:0 4 (?!\1)\w+/.test(error.message),
      );
      sameFiles(a, b, ['/f']);
    } finally {
      for (const container of containers) await removeContainer(container);
      for (const tag of tags) await removeImage(tag);
      await rm(root, { recursive: true, force: true });
    }
  });
});
