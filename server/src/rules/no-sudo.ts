import { defineRule } from '../engine/rule';
import { allCommands, commandRange, removeOption } from '../engine/edits/shellEdits';
import { runsAsRoot } from '../engine/dockerfile/stepUser';
import type { TextEdit } from '../engine/types';

export default defineRule({
  meta: {
    id: 'no-sudo',
    group: 'other-security',
    description: 'RUN must not use sudo: build steps run as root already, and sudo in the image is a way back to root.',
    severity: 'warning',
    messages: {
      sudo: 'sudo in a RUN step: steps run as the current USER, and installing sudo leaves a way back to root in the image. Switch USER around the step instead.',
    },
    applicability: ['safe', 'suggestion'],
    roles: { dev: 'info' },
    applicabilityNote: 'safe when the step runs as root, otherwise suggestion',
    peers: { hadolint: ['DL3004'], trivy: ['DS-0010', 'AVD-DS-0010', 'DS010'], checkov: ['CKV2_DOCKER_1'] },
  },
  check({ model, report }) {
    for (const { stage, run, command } of allCommands(model)) {
      if (command.name?.value !== 'sudo') continue;
      // `sudo -u app …` run as root drops privileges, like gosu: not a way back to root.
      if (command.args.some((a) => a.value === '-u' || a.value?.startsWith('--user'))) continue;
      // `sudo -u other cmd` or other options change more than the user: no mechanical rewrite.
      const plain = command.args.length > 0 && !(command.args[0].value ?? '-').startsWith('-');
      const edits: TextEdit[] = plain ? [removeOption(model, run, command.name)] : [];
      // Only where the step is known to run as root is removing sudo safe: a base image the
      // tool does not know may run as a user (a build broke that way).
      const root = runsAsRoot(stage, run.instruction);
      report({
        messageId: 'sudo',
        range: commandRange(run, command),
        ...(plain && root ? { fix: { title: 'Remove sudo (this step already runs as root)', edits } } : {}),
        ...(plain && !root ? { suggestions: [{ title: 'Remove sudo (add USER root before this step if it needs root)', edits }] } : {}),
      });
    }
  },
});
