import { defineRule } from '../engine/rule';
import { allCommands, commandRange } from '../engine/edits/shellEdits';
import { skippedByDefault } from '../engine/dockerfile/defaultBuild';
import { effectiveArgv, operandsAfter, subcommandOf } from '../shell/commands';
import type { ShellWord } from '../shell/parser';

export default defineRule({
  meta: {
    id: 'pin-packages',
    group: 'pinning',
    description: 'Language package installs (pip, npm, gem, go) should name exact versions, and npm should install from the lockfile.',
    severity: 'info',
    messages: {
      unpinned: '{{manager}} installs {{packages}} without an exact version: rebuilding the same Dockerfile can install different code.',
      npmInstall: '"npm install" may update the lockfile and install other versions than were tested: use "npm ci".',
      npmNoLockfile: '"npm install" with no package-lock.json in the build context: every build resolves the version ranges of package.json anew. Commit a lockfile, then use "npm ci".',
    },
    applicability: ['suggestion'],
    roles: { test: 'hint', dev: 'off', tool: 'hint' },
    peers: { hadolint: ['DL3013', 'DL3016', 'DL3028', 'DL3062'] },
  },
  check({ model, buildContext, report }) {
    // frappe's bench image installs `virtualenv` once per Python version in one RUN: one cause, one finding.
    const said = new Set<string>();
    for (const { stage, run, command } of allCommands(model)) {
      // Debug tools installed only when a build argument asks for them are not in the default image.
      if (skippedByDefault(model, stage, run, command)) continue;
      const { program, args } = effectiveArgv(command);
      if (!program) continue;
      const sub = subcommandOf(args)?.value ?? '';
      let manager: string | null = null;
      let unpinned: ShellWord[] = [];
      // Distribution packages (apt, apk, dnf…) are pin-os-packages', off by default.
      if (/^pip3?(\.\d+)?$/.test(program) && sub === 'install') {
        manager = 'pip';
        const operands = operandsAfter(args, 'install', [
          '-r',
          '--requirement',
          '-c',
          '--constraint',
          '-i',
          '--index-url',
          '--extra-index-url',
          '-f',
          '--find-links',
          '--target',
          '-t',
          '--prefix',
          '--root',
          '--trusted-host',
          '--platform',
          '--python-version',
        ]);
        unpinned = operands.filter((w) => isName(w) && (unpinnedVcs(w.value!) || (!/(==|===|@|\.whl$|\.tar\.gz$|\.zip$|^\.|\/)/.test(w.value!) && !/^(pip|setuptools|wheel)\b/i.test(w.value!))));
      } else if (program === 'pipx' && sub === 'install') {
        manager = 'pipx';
        unpinned = operandsAfter(args, 'install', ['--python', '--pip-args', '--suffix', '--index-url', '-i']).filter((w) => isName(w) && !/(==|@|^\.|\/)/.test(w.value!));
      } else if (program === 'npm' && (sub === 'install' || sub === 'i')) {
        const operands = operandsAfter(args, sub, ['--prefix']);
        if (operands.length === 0 && !args.some((a) => a.value === '-g' || a.value === '--global')) {
          const word = args.find((a) => a.value === sub)!;
          // `npm ci` fails without a lockfile (Mailu's admin assets copy package.json alone).
          if (buildContext && !buildContext.entries.some((e) => /(^|\/)(package-lock|npm-shrinkwrap)\.json$/.test(e))) {
            report({ messageId: 'npmNoLockfile', range: commandRange(run, command) });
            continue;
          }
          report({
            messageId: 'npmInstall',
            range: commandRange(run, command),
            suggestions: [{ title: 'Use npm ci (needs package-lock.json)', edits: [{ range: run.rangeOf(word.start, word.end), newText: 'ci' }] }],
          });
          continue;
        }
        manager = 'npm';
        // A git URL with a `#<ref>` names its version (`…/widget.git#v2.0.0`).
        unpinned = operands.filter(
          (w) => isName(w) && !/@[\w.^~<>=*-]*\d/.test(w.value!.replace(/^@[^/]+\//, '')) && !/^[./]|\.tgz$/.test(w.value!) && !/^git\+?\S*#\S+$|^\w+:\/\/\S+#\S+$/.test(w.value!),
        );
      } else if (program === 'gem' && (sub === 'install' || sub === 'i')) {
        if (args.some((a) => a.value === '-v' || a.value === '--version' || a.value?.startsWith('--version='))) continue;
        manager = 'gem';
        unpinned = operandsAfter(args, sub, ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source']).filter((w) => isName(w) && !w.value!.includes(':') && !w.value!.endsWith('.gem'));
      } else if (program === 'go' && (sub === 'install' || sub === 'get' || sub === 'run')) {
        // `@latest`, `@master`: a moving version, as good as none. `go run` of a local path (./cmd) is no package.
        manager = `go ${sub}`;
        unpinned = operandsAfter(args, sub).filter(
          (w) =>
            isName(w) && w.value!.includes('/') && !w.value!.startsWith('.') && (!w.value!.includes('@') || /@(latest|master|main|HEAD)$/.test(w.value!)) && (sub !== 'run' || w.value!.includes('@')),
        );
      }
      if (!manager || unpinned.length === 0) continue;
      const names = unpinned.map((w) => w.value);
      const key = `${run.instruction.getRange().start.line}:${manager}:${names.join(' ')}`;
      if (said.has(key)) continue;
      said.add(key);
      report({
        messageId: 'unpinned',
        data: { manager, packages: names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ') },
        range: commandRange(run, command),
      });
    }
  },
});

/** `git+https://…/repo.git` with no `@ref`: pip installs whatever the default branch holds. */
function unpinnedVcs(spec: string): boolean {
  const url = /^(git|hg|svn|bzr)\+\S+/.exec(spec)?.[0];
  return url !== undefined && !/@[\w.\/-]+(#|$)/.test(url.replace(/^\w+\+\w+:\/\/[^/]*@/, ''));
}

/** A literal package name (not a variable, not an option). */
function isName(word: ShellWord): boolean {
  return word.value !== null && word.value !== '' && !word.value.startsWith('-');
}
