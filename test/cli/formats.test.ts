import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dfh-formats-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Python's XML parser, which is on every machine this runs on: proves the output is well-formed. */
function parseXml(xml: string, script: string): string {
  const r = spawnSync('python3', ['-c', `import sys, xml.etree.ElementTree as ET\nroot = ET.fromstring(sys.stdin.read())\n${script}`], { input: xml, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const FILES = {
  'api/Dockerfile': 'FROM node:22.4.1-slim\nUSER node\nCMD node "a&b<c>.js"\n',
  'clean/Dockerfile': 'FROM registry.example.com/base:1.4.2\nUSER 1000\nCMD ["true"]\n',
  'odd,name/Dockerfile': 'FROM registry.example.com/base:1.4.2\n',
};

describe('output formats', () => {
  it("sarif: valid SARIF 2.1.0 per Microsoft's validator, with rule help, security-severity and fixes", () => {
    const root = project(FILES);
    const result = run(root, ['lint', '--format', 'sarif', '.']);
    assert.equal(result.status, 1, result.stderr);
    const sarifPath = join(root, 'out.sarif');
    writeFileSync(sarifPath, result.stdout);
    const log = JSON.parse(result.stdout);
    const run0 = log.runs[0];
    assert.equal(log.version, '2.1.0');
    const execForm = run0.tool.driver.rules.find((r: { id: string }) => r.id === 'exec-form');
    assert.match(execForm.help.markdown, /## Why it matters/);
    assert.equal(execForm.properties['security-severity'], '3.0');
    const fixed = run0.results.find((r: { ruleId: string }) => r.ruleId === 'exec-form');
    assert.deepEqual(fixed.fixes[0].artifactChanges[0].replacements[0].insertedContent, { text: '["node", "a&b<c>.js"]' });
    assert.equal(fixed.locations[0].physicalLocation.region.startLine, 3);

    // The validator's Linux binary ships without its run bit set.
    const validator = join(dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
    if ((statSync(validator).mode & 0o111) === 0) chmodSync(validator, 0o755);
    const reportPath = join(root, 'validation.sarif');
    const validation = spawnSync(validator, ['validate', sarifPath, '--output', reportPath], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    assert.equal(validation.status, 0, validation.stdout + validation.stderr);
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const errors = report.runs[0].results.filter((r: { level?: string }) => r.level === 'error');
    assert.deepEqual(
      errors.map((e: { ruleId: string; message: { arguments?: string[] } }) => `${e.ruleId} ${e.message.arguments?.join(' ')}`),
      [],
    );
  });

  it('github: workflow commands with escaped properties', () => {
    const root = project(FILES);
    const out = run(root, ['lint', '--format', 'github', '.']).stdout;
    assert.match(out, /^::warning file=api\/Dockerfile,line=3,col=5,endLine=3,endColumn=21,title=exec-form::CMD uses shell form/m);
    assert.match(out, /^::warning file=odd%2Cname\/Dockerfile,line=1,col=1,/m);
    assert.doesNotMatch(out, /clean\/Dockerfile/);
  });

  it('checkstyle: well-formed XML, one file element per checked file, escaped messages', () => {
    const root = project(FILES);
    const xml = run(root, ['lint', '--format', 'checkstyle', '.']).stdout;
    const summary = parseXml(xml, "print(';'.join(f.get('name') + '=' + str(len(f)) for f in root))");
    assert.equal(summary, 'api/Dockerfile=1;clean/Dockerfile=0;odd,name/Dockerfile=1');
    const message = parseXml(xml, "print(root.find('file').find('error').get('source'))");
    assert.equal(message, 'dockerfile-hardening.exec-form');
  });

  it('junit: a suite per file, a failing case per finding, a passing case for a clean file', () => {
    const root = project(FILES);
    const xml = run(root, ['lint', '--format', 'junit', '.']).stdout;
    const summary = parseXml(xml, "print(root.get('tests'), root.get('failures'), ';'.join(s.get('name') + ':' + s.get('failures') for s in root))");
    assert.equal(summary, '3 2 api/Dockerfile:1;clean/Dockerfile:0;odd,name/Dockerfile:1');
  });
});

describe('CI integrations', () => {
  it('action.yml and .pre-commit-hooks.yaml are valid YAML that call the CLI', async () => {
    const { parse } = await import('yaml');
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.runs.steps.some((s: { run?: string }) => s.run?.includes('--format sarif')));
    assert.ok(action.runs.steps.some((s: { uses?: string }) => s.uses?.startsWith('github/codeql-action/upload-sarif')));
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    const pattern = new RegExp(hooks[0].files);
    assert.ok(['Dockerfile', 'a/Containerfile', 'svc/api.Dockerfile', 'Dockerfile.prod'].every((f) => pattern.test(f)));
    assert.ok(!pattern.test('src/main.ts'));
  });
});

describe("the action's recipe, run as GitHub runs it", () => {
  /** The lint step's script with bash -eo pipefail (GitHub's `shell: bash`), minus the one-time npm ci and build of the action itself. */
  async function runLintStep(root: string, inputs: Record<string, string>): Promise<{ status: number | null; outputs: Record<string, string>; stderr: string }> {
    const { parse } = await import('yaml');
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'lint') as { run: string };
    const script = step.run.replace(/^cd "\$GITHUB_ACTION_PATH" && npm ci.*$/m, '');
    const outputFile = join(root, '.github-output');
    writeFileSync(outputFile, '');
    const env = {
      ...process.env,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      INPUT_PATHS: '.',
      INPUT_FAIL_ON: 'warning',
      INPUT_CONFIG: '',
      INPUT_BASELINE: '',
      INPUT_FIX_DIFF: '',
      ...inputs,
    };
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: root, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    return { status: result.status, outputs, stderr: result.stderr };
  }

  it('gates on new findings with a baseline, and writes the fix diff as an output', async () => {
    const root = project({ Dockerfile: 'FROM node:22.4.1-slim\nUSER node\nCMD node server.js\n' });
    const first = await runLintStep(root, { INPUT_FIX_DIFF: 'fixes.diff' });
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.outputs.status, '1', 'the shell-form CMD fails the gate');
    assert.equal(first.outputs['fix-diff'], 'fixes.diff');
    assert.match(readFileSync(join(root, 'fixes.diff'), 'utf8'), /^\+CMD \["node", "server\.js"\]$/m);
    assert.ok(JSON.parse(readFileSync(join(root, 'dockerfile-hardening.sarif'), 'utf8')).runs[0].results.length > 0);
    assert.equal(run(root, ['lint', '--write-baseline', 'baseline.json', '.']).status, 0);
    const gated = await runLintStep(root, { INPUT_BASELINE: 'baseline.json' });
    assert.equal(gated.outputs.status, '0', 'nothing new');
    assert.equal(gated.outputs['fix-diff'], undefined, 'no diff asked for');
  });
});

describe('stylish output as a person reads it', () => {
  const finding = (file: string, rule: string, message: string) => ({ file, rule, group: 'pinning' as const, severity: 'warning' as const, message, line: 1, column: 1, endLine: 1, endColumn: 5 });

  it('wraps long lines to the terminal width under their message, and keeps one line per finding without a width', async () => {
    const { formatStylish } = await import('../../server/src/cli/formats/stylish');
    const long = finding('Dockerfile', 'pin-base-image', 'node uses the "latest" tag, which moves with every release, so two builds of the same commit can ship different images.');
    const wrapped = formatStylish([long], { color: false, width: 60 })
      .split('\n')
      .filter((l) => l.startsWith('  '));
    assert.ok(wrapped.length > 1, 'wrapped');
    for (const line of wrapped) assert.ok(line.length <= 60, `"${line}" fits in 60 columns`);
    const indent = wrapped[0].indexOf('node');
    for (const line of wrapped.slice(1)) assert.equal(line.length - line.trimStart().length, indent, 'continuation lines start under the message');
    assert.ok(wrapped[wrapped.length - 1].endsWith('pin-base-image'));
    const piped = formatStylish([long], { color: false })
      .split('\n')
      .filter((l) => l.startsWith('  '));
    assert.equal(piped.length, 1);
  });

  it('ends a run with many findings with a count per rule, most first', async () => {
    const { formatStylish } = await import('../../server/src/cli/formats/stylish');
    const many = [
      ...Array.from({ length: 15 }, (_, i) => finding(`s${i}/Dockerfile`, 'no-root-user', 'runs as root')),
      ...Array.from({ length: 5 }, (_, i) => finding(`s${i}/Dockerfile`, 'pin-base-image', 'latest')),
    ];
    const out = formatStylish(many, { color: false });
    assert.match(out, /By rule:\n {2}15 {2}no-root-user\n {3}5 {2}pin-base-image\n$/);
    assert.doesNotMatch(formatStylish(many.slice(0, 19), { color: false }), /By rule:/, 'a short run needs no summary');
  });

  it('names files relative to the folder argument when they are outside the working folder', () => {
    const root = project(FILES);
    const elsewhere = mkdtempSync(join(tmpdir(), 'dfh-cwd-'));
    const result = run(elsewhere, ['lint', '--format', 'json', root]);
    const files = new Set<string>(JSON.parse(result.stdout).findings.map((f: { file: string }) => f.file));
    assert.ok(files.has('api/Dockerfile'), [...files].join(', '));
    assert.ok(![...files].some((f) => f.startsWith('..')));
    // SARIF still locates them from the working folder, where code scanning starts.
    const sarif = JSON.parse(run(elsewhere, ['lint', '--format', 'sarif', root]).stdout);
    const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.ok(uri.startsWith('../'), uri);
  });
});

describe('the fixes as a change to review: lint --fix --dry-run --format diff', () => {
  const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });

  it('prints a unified diff that git applies, writes nothing, and exits 1; after applying, nothing is left to fix', () => {
    const root = project({
      Dockerfile: 'FROM node:22.4.1-slim\nUSER node\nCMD node server.js\n',
      'api/Dockerfile': "FROM debian:12.8\r\nRUN apt-get update && apt-get install --no-install-recommends curl\r\nUSER 1000\r\nCMD ['curl', '--version']",
      'clean/Dockerfile': 'FROM registry.example.com/base:1.4.2\nUSER 1000\nCMD ["true"]\n',
    });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'before');
    const before = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const result = run(root, ['lint', '--fix', '--dry-run', '--format', 'diff', '.']);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(readFileSync(join(root, 'Dockerfile'), 'utf8'), before, 'nothing written');
    assert.match(result.stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /m);
    assert.match(result.stdout, /^-CMD node server\.js\n\+CMD \["node", "server\.js"\]$/m);
    assert.doesNotMatch(result.stdout, /clean\/Dockerfile/, 'a file with nothing to fix is not in the diff');
    const patch = join(root, '..', `${root.split('/').pop()}.patch`);
    writeFileSync(patch, result.stdout);
    const applied = git(root, 'apply', patch);
    assert.equal(applied.status, 0, applied.stderr);
    // CRLF and the missing final newline survive the round trip.
    assert.match(readFileSync(join(root, 'api/Dockerfile'), 'utf8'), /\r\nCMD \["curl", "--version"\]$/);
    const again = run(root, ['lint', '--fix', '--dry-run', '--format', 'diff', '.']);
    assert.equal(again.status, 0, again.stdout);
    assert.equal(again.stdout, '');
  });

  it('with --suggestions, each suggestion follows as its own patch on top of the safe fixes, marked for review', () => {
    const root = project({ Dockerfile: 'FROM node:22.4.1-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD node server.js\n', 'package.json': '{}', '.env': 'TOKEN=placeholder\n' });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'before');
    const result = run(root, ['lint', '--fix', '--dry-run', '--format', 'diff', '--suggestions', '.']);
    assert.equal(result.status, 1, result.stderr);
    const [safe, ...suggestions] = result.stdout.split(/^(?=# suggestion, review before applying: )/m);
    assert.match(safe, /^\+CMD \["node", "server\.js"\]$/m);
    const ignoreFile = suggestions.find((p) => p.includes('Create a .dockerignore'));
    assert.ok(ignoreFile, suggestions.map((p) => p.split('\n')[0]).join('\n'));
    assert.match(ignoreFile, /^--- \/dev\/null\n\+\+\+ b\/\.dockerignore$/m);
    const write = (name: string, text: string) => {
      const path = join(root, '..', `${root.split('/').pop()}-${name}.patch`);
      writeFileSync(path, text);
      return path;
    };
    // The safe fixes, then one chosen suggestion on top: both apply, and the ignore file is created.
    assert.equal(git(root, 'apply', write('safe', safe)).status, 0);
    const chosen = git(root, 'apply', write('ignore', ignoreFile));
    assert.equal(chosen.status, 0, chosen.stderr);
    assert.match(readFileSync(join(root, '.dockerignore'), 'utf8'), /^\.env$/m);
    assert.equal(run(root, ['lint', '--suggestions', '.']).status, 2, '--suggestions belongs to the diff');
  });

  it('--format diff and --dry-run are usage errors without --fix', () => {
    const root = project(FILES);
    const noFix = run(root, ['lint', '--format', 'diff', '.']);
    assert.equal(noFix.status, 2);
    assert.match(noFix.stderr, /--format diff .* --fix --dry-run/);
    assert.equal(run(root, ['lint', '--dry-run', '.']).status, 2);
  });

  it('hunks: context around each change, nearby changes in one hunk, line numbers git agrees with', async () => {
    const { unifiedDiff } = await import('../../server/src/cli/unifiedDiff');
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`);
    const edited = [...lines];
    edited[1] = 'changed 2\n';
    edited[4] = 'changed 5\n';
    edited.splice(20, 1);
    edited.push('appended\n');
    const diff = unifiedDiff('f.txt', lines.join(''), edited.join(''));
    assert.deepEqual(
      [...diff.matchAll(/^@@ .* @@$/gm)].map((m) => m[0]),
      ['@@ -1,8 +1,8 @@', '@@ -18,7 +18,6 @@', '@@ -28,3 +27,4 @@'],
    );
    const root = mkdtempSync(join(tmpdir(), 'dfh-diff-'));
    writeFileSync(join(root, 'f.txt'), lines.join(''));
    writeFileSync(join(root, 'p.patch'), diff);
    const applied = spawnSync('git', ['apply', '--unsafe-paths', 'p.patch'], { cwd: root, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    assert.equal(readFileSync(join(root, 'f.txt'), 'utf8'), edited.join(''));
    assert.equal(unifiedDiff('f.txt', 'same\n', 'same\n'), '');
  });
});
