import { defineRule } from '../engine/rule';
import { allCommands, commandRange, removeOption } from '../engine/edits/shellEdits';
import { effectiveArgv, findOption } from '../shell/commands';
import type { DockerfileModel } from '../engine/dockerfile/model';
import type { RunScript } from '../engine/dockerfile/runScripts';
import type { TextEdit } from '../engine/types';
import type { ShellWord } from '../shell/parser';

export default defineRule({
  meta: {
    id: 'signature-check-disabled',
    group: 'other-security',
    description: 'Package managers must verify package signatures.',
    severity: 'warning',
    messages: {
      option: '{{program}} {{option}} installs packages without checking their signatures: a tampered mirror or proxy goes unnoticed.',
      localFiles: '{{program}} {{option}} installs unsigned package files: make sure they come from a build you trust, or sign them.',
      repo: 'This adds a package repository with signature checks turned off ({{what}}).',
    },
    applicability: ['suggestion'],
    roles: { dev: 'info' },
    applicabilityNote: 'suggestion (remove the option)',
    peers: { checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'] },
  },
  check({ model, report }) {
    for (const { run, command } of allCommands(model)) {
      const { program, args } = effectiveArgv(command);
      if (!program) continue;
      let option = null;
      if (program === 'apk') option = findOption(args, [], ['--allow-untrusted']);
      else if (program === 'apt-get' || program === 'apt') {
        option = findOption(args, [], ['--allow-unauthenticated', '--allow-insecure-repositories', '--force-yes']);
        if (!option) option = args.find((a) => /^(-o)?(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)=(true|1|yes)$/i.test(a.value ?? '')) ?? null;
      } else if (program === 'rpm') option = findOption(args, [], ['--nosignature', '--nodigest', '--noverify', '--nofiledigest'], false);
      else if (['yum', 'dnf', 'tdnf', 'microdnf', 'zypper'].includes(program)) option = findOption(args, [], ['--nogpgcheck', '--no-gpg-checks']);
      if (option) {
        // Package files built or copied into the image, not fetched from a repository: a judgement call.
        const operands = args.filter((a) => a !== option && a.value !== null && !a.value.startsWith('-') && !['add', 'install', 'in', 'localinstall'].includes(a.value));
        const local = (program === 'apk' || program === 'rpm') && operands.length > 0 && operands.every((a) => /\.(apk|rpm)$/.test(a.text) && !/^[a-z]+:\/\//.test(a.text));
        report({
          messageId: local ? 'localFiles' : 'option',
          ...(local ? { severity: 'info' as const } : {}),
          data: { program, option: option.value ?? option.text },
          range: commandRange(run, command),
          suggestions: [{ title: `Remove ${option.value} (packages must then be signed)`, edits: removeWithFlag(model, run, args, option) }],
        });
        continue;
      }
      // echo "deb [trusted=yes] …" > /etc/apt/sources.list.d/x.list ; echo gpgcheck=0 >> x.repo
      if (program === 'echo' || program === 'printf' || program === 'tee') {
        const text = args.map((a) => a.value ?? a.text).join(' ');
        // `deb [trusted=yes] file:///tmp/x ./` is a local repository of packages built in the same step.
        const trusted = trustedRepository(text);
        const what = (trusted && !trusted.source.startsWith('file:') ? trusted.options : undefined) ?? /(?:repo_)?gpgcheck\s*=\s*0\b/.exec(text)?.[0];
        if (what) report({ messageId: 'repo', data: { what }, range: commandRange(run, command) });
      }
    }
  },
});

/**
 * The option's edits: with `-o` before a separate value (`-o APT::Get::AllowUnauthenticated=true`)
 * both words go, or the `-o` left behind takes the next word (`install`) as its value.
 */
function removeWithFlag(model: DockerfileModel, run: RunScript, args: readonly ShellWord[], option: ShellWord): TextEdit[] {
  const before = args[args.indexOf(option) - 1];
  const edits = [removeOption(model, run, option)];
  if (before?.value === '-o' && !(option.value ?? '').startsWith('-o')) edits.unshift(removeOption(model, run, before));
  return edits;
}

/**
 * The first `[… trusted=yes …] <source>` of an apt source line: the bracket and the word after it.
 * Found bracket by bracket: one expression (`\[[^\]]*trusted=yes…`) re-read the rest of the line
 * from every `[`, quadratic on `[[[[…`.
 */
function trustedRepository(text: string): { options: string; source: string } | null {
  let from = 0;
  for (;;) {
    const open = text.indexOf('[', from);
    if (open < 0) return null;
    const close = text.indexOf(']', open);
    if (close < 0) return null;
    if (text.slice(open, close).includes('trusted=yes')) {
      const source = /^\s*(\S+)/.exec(text.slice(close + 1));
      return source ? { options: text.slice(open, close + 1), source: source[1] } : null;
    }
    // A later `[` before this `]` has the same `]`, and less inside it.
    from = close + 1;
  }
}
