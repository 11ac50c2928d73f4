import { defineRule } from '../engine/rule';
import { allCommands, commandRange, removeOption } from '../engine/shellEdits';
import { effectiveArgv, findOption } from '../shell/commands';

export default defineRule({
  meta: {
    id: 'signature-check-disabled',
    group: 'other-security',
    description: 'Package managers must verify package signatures.',
    severity: 'warning',
    messages: {
      option: '{{program}} {{option}} installs packages without checking their signatures: a tampered mirror or proxy goes unnoticed.',
      repo: 'This adds a package repository with signature checks turned off ({{what}}).',
    },
    fix: 'suggestion',
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
        report({
          messageId: 'option',
          data: { program, option: option.value ?? option.text },
          range: commandRange(run, command),
          suggestions: [{ title: `Remove ${option.value} (packages must then be signed)`, safe: false, edits: [removeOption(model, run, option)] }],
        });
        continue;
      }
      // echo "deb [trusted=yes] …" > /etc/apt/sources.list.d/x.list ; echo gpgcheck=0 >> x.repo
      if (program === 'echo' || program === 'printf' || program === 'tee') {
        const text = args.map((a) => a.value ?? a.text).join(' ');
        const what = /\[[^\]]*trusted=yes[^\]]*\]/.exec(text)?.[0] ?? /(?:repo_)?gpgcheck\s*=\s*0\b/.exec(text)?.[0];
        if (what) report({ messageId: 'repo', data: { what }, range: commandRange(run, command) });
      }
    }
  },
});
