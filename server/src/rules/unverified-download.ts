import { defineRule } from '../engine/rule';
import { wordRange } from '../engine/edits/shellEdits';
import { runScripts } from '../engine/dockerfile/runScripts';
import type { DockerfileModel } from '../engine/dockerfile/model';
import { effectiveArgv, findOption, optionValue, pipelineNeighbour } from '../shell/commands';
import type { ShellCommand, ShellWord } from '../shell/parser';
import { urlForMessage, urlHost } from '../engine/knowledge/urls';

/**
 * A binary, archive or package fetched with curl or wget and then unpacked, installed or run in
 * the same RUN, with nothing in that RUN checking a checksum or signature. HTTPS proves who
 * served the file, not that it is the file the author tested: a re-tagged release, a compromised
 * download host or a moved `releases/latest` puts something else in the image unnoticed.
 *
 * Left to other rules: `curl … | sh` (pipe-to-shell), plain-HTTP URLs (plain-http-download),
 * `ADD <url>` (add-url-without-checksum). Not reported: keys, signatures and checksum files
 * themselves, data that is only read (JSON, text), downloads whose use the RUN does not show.
 */
export default defineRule({
  meta: {
    id: 'unverified-download',
    group: 'other-security',
    description: 'Binaries and archives downloaded in a RUN must be checked against a checksum or signature before they are installed or run.',
    severity: 'warning',
    messages: {
      unverified: '{{tool}} downloads {{url}}{{more}} and this step {{use}} without checking a checksum or signature: a changed or tampered file goes into the image unnoticed.',
      latest: '{{tool}} downloads {{url}}{{more}} and this step {{use}} without checking a checksum or signature; a releases/latest URL also changes version without notice.',
    },
    applicability: [],
    applicabilityNote: 'none (the digest has to come from the publisher; see the page for the one-line check)',
    roles: { test: 'info', dev: 'info' },
    peers: {},
  },
  check({ model, report }) {
    const checkedLater = laterChecks(model);
    for (const stage of model.stages) {
      for (const run of runScripts(model, stage)) {
        const commands = run.script?.commands ?? [];
        if (commands.length === 0 || commands.some(verifies)) continue;
        const line = run.instruction.getRange().start.line;
        // One finding per step: a `case` over architectures downloads the same file twice.
        const found: { download: Download; use: string }[] = [];
        for (const command of commands) {
          // A debug branch a build without build arguments skips is judged where it is turned on.
          if (command.guard) continue;
          const download = downloadOf(command);
          const use = download ? useOf(commands, command, download.file) : null;
          // MinIO downloads the binary and its .minisig in one RUN and runs minisign in the next.
          if (download?.file && checkedLater.some((check) => check.line > line && check.names.has(baseName(download.file!)))) continue;
          if (download && use) found.push({ download, use });
        }
        if (found.length === 0) continue;
        const [{ download, use }] = found;
        const more = found.length > 1 ? ` (and ${found.length - 1} more download${found.length > 2 ? 's' : ''} in this step)` : '';
        report({
          messageId: /\/releases\/latest\//i.test(download.url.text) ? 'latest' : 'unverified',
          data: { tool: download.tool, url: urlForMessage(unquoted(download.url.text)), use, more },
          range: wordRange(run, download.url),
        });
      }
    }
  },
});

interface Download {
  tool: 'curl' | 'wget';
  url: ShellWord;
  /** The file it writes (as written), or null when it writes to standard output. */
  file: string | null;
}

/** Files that are checked with, not checked: keys, signatures, checksum lists. */
const CHECK_MATERIAL = /(\.(asc|sig|sign|gpg|pgp|key|pub|pem|crt|sha(1|256|384|512)(sum)?|md5|minisig|intoto\.jsonl)|SHA(1|256|512)SUMS?|checksums?\.txt)$/i;
/** Files that are only read, never run or unpacked. */
const DATA_FILE = /\.(json|ya?ml|txt|md|html?|xml|csv|conf|ini|toml|list|repo|sources)$/i;

function downloadOf(command: ShellCommand): Download | null {
  const { program, args } = effectiveArgv(command);
  if (program !== 'curl' && program !== 'wget') return null;
  const url = args.find((a) => /^["']?https:\/\//i.test(a.text));
  if (!url) return null;
  const path = unquoted(url.text).split(/[?#]/)[0];
  const host = urlHost(unquoted(url.text));
  // Internal hosts (a compose service, a private mirror the tool cannot see) are the team's own.
  if (host !== null && !host.includes('.')) return null;
  if (CHECK_MATERIAL.test(path) || DATA_FILE.test(path)) return null;
  return { tool: program, url, file: outputFile(program, args, path) };
}

/** Where curl or wget writes: `-o F`, `-O` (the URL's name), wget's default; null for standard output. */
function outputFile(program: 'curl' | 'wget', args: readonly ShellWord[], urlPath: string): string | null {
  const remoteName = urlPath.split('/').pop() || null;
  if (program === 'curl') {
    const named = optionValue(args, ['-o'], ['--output']);
    if (named) return named.value ?? args[args.findIndex((a) => a.value === named.option) + 1]?.text ?? null;
    return findOption(args, ['-O'], ['--remote-name']) ? remoteName : null;
  }
  const named = optionValue(args, ['-O'], ['--output-document']);
  if (named) {
    const file = named.value ?? args[args.findIndex((a) => a.value === named.option) + 1]?.text ?? null;
    return file === '-' ? null : file;
  }
  const dir = optionValue(args, ['-P'], ['--directory-prefix'])?.value;
  return remoteName && dir ? `${dir.replace(/\/$/, '')}/${remoteName}` : remoteName;
}

const UNPACKERS = new Set(['tar', 'bsdtar', 'unzip', 'gunzip', 'gzip', 'xz', 'unxz', 'zstd', 'bunzip2', '7z', 'cpio']);
const INSTALLERS = new Set(['dpkg', 'rpm', 'install', 'apk', 'apt-get', 'apt', 'dnf', 'yum', 'microdnf', 'zypper', 'pip', 'pip3', 'gem', 'npm', 'java', 'mv', 'cp', 'ln']);
const RUNNERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'python', 'python3', 'perl', 'ruby', 'node', 'php']);
const BIN_DIR = /(^|\/)(s?bin|libexec)(\/|$)/;

/**
 * What the RUN does with the download, as a verb phrase, or null when it shows no use that puts
 * the file's content into the image as code: piped into an unpacker, or written to a file that a
 * later command unpacks, installs, makes executable or runs, or written straight into a bin folder.
 */
function useOf(commands: readonly ShellCommand[], download: ShellCommand, file: string | null): string | null {
  if (file === null) {
    const next = pipelineNeighbour(commands, download, 1);
    const program = next ? effectiveArgv(next).program : null;
    return program && UNPACKERS.has(program) ? `unpacks it (${program})` : null;
  }
  const name = unquoted(file);
  if (BIN_DIR.test(name.split('/').slice(0, -1).join('/'))) return 'installs it';
  const base = name.split('/').pop() ?? name;
  if (!base) return null;
  for (const command of commands) {
    if (command.start <= download.start) continue;
    const { program, args } = effectiveArgv(command);
    if (!program) continue;
    const names = (word: ShellWord) => {
      const text = unquoted(word.value ?? word.text);
      return text === name || text.endsWith(`/${base}`) || text === base || text === `./${base}`;
    };
    if (program === name || program === `./${base}` || program.endsWith(`/${base}`)) return 'runs it';
    if (!args.some(names)) continue;
    if (UNPACKERS.has(program)) return `unpacks it (${program})`;
    if (RUNNERS.has(program)) return `runs it (${program})`;
    if (program === 'chmod' && args.some((a) => /^(\+x|[ugoa]*\+[rw]*x|[0-7]?[0-7][1357][0-7]{1,2})$/.test(a.value ?? ''))) return 'makes it executable';
    if (INSTALLERS.has(program)) {
      // `mv x /usr/local/bin/` installs; `cp x /tmp/` does not say.
      if ((program === 'mv' || program === 'cp' || program === 'ln') && !args.some((a) => BIN_DIR.test(a.value ?? a.text))) continue;
      return `installs it (${program})`;
    }
  }
  return null;
}

const CHECKERS = new Set(['sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'md5sum', 'b2sum', 'shasum', 'cksum', 'gpgv', 'minisign', 'signify', 'slsa-verifier', 'rpmkeys']);

/** A command that checks a download: a checksum tool, a signature check (gpg --verify, cosign verify-blob, openssl dgst). */
function verifies(command: ShellCommand): boolean {
  const { program, args } = effectiveArgv(command);
  if (!program) return false;
  const words = args.map((a) => a.value ?? a.text);
  if (CHECKERS.has(program)) return true;
  if (program === 'gpg' || program === 'gpg2') return words.some((w) => w === '--verify' || w === '--verify-files');
  if (program === 'cosign') return words.some((w) => w.startsWith('verify'));
  if (program === 'openssl') return words[0] === 'dgst' || words[0] === 'sha256' || words[0] === 'sha512';
  if (program === 'rpm') return words.some((w) => w === '--checksig' || w === '-K');
  if (program === 'gh') return words[0] === 'attestation' && words[1] === 'verify';
  return false;
}

/**
 * Each RUN that checks something, with the names it checks: every file its checking commands name
 * (`minisign -Vm /go/bin/minio`), and for a checksum or signature file the file it is for
 * (`mc.sha256sum` checks `mc`).
 */
function laterChecks(model: DockerfileModel): { line: number; names: Set<string> }[] {
  const checks: { line: number; names: Set<string> }[] = [];
  for (const stage of model.stages)
    for (const run of runScripts(model, stage)) {
      const names = new Set<string>();
      for (const command of run.script?.commands ?? []) {
        if (!verifies(command)) continue;
        for (const word of effectiveArgv(command).args) {
          const name = baseName(word.value ?? word.text);
          if (!name || name.startsWith('-')) continue;
          names.add(name);
          names.add(name.replace(CHECK_MATERIAL, ''));
        }
      }
      if (names.size > 0) checks.push({ line: run.instruction.getRange().start.line, names });
    }
  return checks;
}

function baseName(path: string): string {
  return unquoted(path).split('/').pop() ?? '';
}

function unquoted(text: string): string {
  return text.replace(/^["']|["']$/g, '');
}
