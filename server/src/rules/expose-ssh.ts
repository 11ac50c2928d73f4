import { deleteInstruction } from '../engine/edits/edits';
import { argumentsOf, keywordOf } from '../engine/dockerfile/instructions';
import { containerCommand } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';
import type { Fix } from '../engine/types';

export default defineRule({
  meta: {
    id: 'expose-ssh',
    group: 'other-security',
    description: 'Images should not expose SSH (port 22).',
    severity: 'warning',
    messages: {
      ssh: 'EXPOSE {{port}} publishes SSH: a container should not run an SSH server; use "docker exec" or "kubectl exec" to get a shell.',
      sshService: 'EXPOSE {{port}}: this image is an SSH server. Keep it patched, allow keys only (no passwords), and never run it as a sidecar of another app.',
    },
    applicability: ['suggestion'],
    // An SSH server in a test image is what the test exercises (authelia's PAM suite).
    roles: { build: 'off', test: 'off', dev: 'info', tool: 'info' },
    peers: { trivy: ['DS-0004', 'AVD-DS-0004', 'DS004'], checkov: ['CKV_DOCKER_1'] },
  },
  check({ model, report }) {
    // An image whose program is sshd (a git server, a bastion) exposes 22 on purpose: a judgement call.
    const final = model.finalStage;
    const { entrypoint, cmd } = final ? containerCommand(final) : { entrypoint: null, cmd: null };
    const isSshServer = [entrypoint, cmd].some((c) => c && /\bsshd\b/.test(model.source.slice(c.instruction.getRange())));
    for (const instruction of model.ast.getInstructions()) {
      if (keywordOf(instruction) !== 'EXPOSE') continue;
      const args = argumentsOf(instruction);
      args.forEach((arg, index) => {
        const port = arg.getValue();
        if (!/^22(\/tcp)?$/i.test(port)) return;
        let fix: Fix;
        if (args.length === 1) fix = { title: 'Remove EXPOSE 22', edits: [deleteInstruction(model, instruction)] };
        else {
          const start = index > 0 ? args[index - 1].getRange().end : arg.getRange().start;
          const end = index > 0 ? arg.getRange().end : args[index + 1].getRange().start;
          fix = { title: `Remove ${port} from EXPOSE`, edits: [{ range: { start, end }, newText: '' }] };
        }
        if (isSshServer) report({ messageId: 'sshService', data: { port }, range: arg.getRange(), severity: 'info' });
        else report({ messageId: 'ssh', data: { port }, range: arg.getRange(), suggestions: [fix] });
      });
    }
  },
});
