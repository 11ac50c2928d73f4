import { deleteInstruction } from '../engine/edits/edits';
import { argumentsOf, keywordOf } from '../engine/dockerfile/instructions';
import { containerCommand, lineage, rootBase } from '../engine/dockerfile/stageLineage';
import { commandsInLineage, installedPackages } from '../engine/dockerfile/runScripts';
import { factsFor } from '../engine/knowledge/baseImages';
import type { DockerfileModel, Stage } from '../engine/dockerfile/model';
import { defineRule } from '../engine/rule';
import type { Fix } from '../engine/types';

/** Packages that are (or carry) an SSH server, by distribution. */
const SSH_SERVER_PACKAGES = new Set(['openssh-server', 'openssh', 'dropbear', 'ssh', 'tinysshd']);

/**
 * The image installs an SSH server or prepares one (`mkdir /var/run/sshd`, a copied sshd_config),
 * or builds on an image the engine does not know (which may have one).
 */
function installsSshServer(model: DockerfileModel, stage: Stage): boolean {
  const base = rootBase(stage);
  if (!base.isScratch && factsFor(base.ref, false).family === 'unknown') return true;
  const packages = installedPackages(commandsInLineage(model, lineage(stage)));
  if ([...packages].some((p) => SSH_SERVER_PACKAGES.has(p.replace(/[=<>@].*$/, '')))) return true;
  return lineage(stage).some((s) => s.instructions.some((i) => /\bsshd\b|\/etc\/ssh\b/.test(model.source.slice(i.getRange()))));
}

export default defineRule({
  meta: {
    id: 'expose-ssh',
    group: 'other-security',
    description: 'Images should not expose SSH (port 22).',
    severity: 'warning',
    messages: {
      ssh: 'EXPOSE {{port}} publishes SSH: a container should not run an SSH server; use "docker exec" or "kubectl exec" to get a shell.',
      sshPortOnly: 'EXPOSE {{port}} publishes the SSH port, but nothing here installs an SSH server: if the program serves SSH itself (a git server), keep it; if not, the port can go.',
      sshService: 'EXPOSE {{port}}: this image is an SSH server. Keep it patched, allow keys only (no passwords), and never run it as a sidecar of another app.',
    },
    applicability: ['suggestion'],
    // An SSH server in a test image is what the test exercises (authelia's PAM suite).
    roles: { build: 'off', test: 'off', dev: 'info', tool: 'info' },
    peers: { trivy: ['DS-0004', 'AVD-DS-0004', 'DS004'], checkov: ['CKV_DOCKER_1'] },
  },
  check({ model, buildContext, report }) {
    // An image whose program is sshd (a git server, a bastion) exposes 22 on purpose: a judgement
    // call. So is one whose sshd config in the context limits logins to forced commands (gogs'
    // `AllowUsers git`): git over SSH, not a shell.
    const final = model.finalStage;
    const { entrypoint, cmd } = final ? containerCommand(final) : { entrypoint: null, cmd: null };
    const installsServer = final !== null && installsSshServer(model, final);
    const isSshServer = [entrypoint, cmd].some((c) => c && /\bsshd\b/.test(model.source.slice(c.instruction.getRange()))) || ((buildContext?.restrictedSsh?.length ?? 0) > 0 && installsServer);
    // Nothing installs an SSH server on a base the engine knows has none: the program serves the
    // port itself (Gogs' built-in SSH in Dockerfile.next) or nothing does. "Run no SSH server" is
    // not the advice there; a note at info, with the removal as a suggestion.
    const portOnly = final !== null && !isSshServer && !installsServer;
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
        else if (portOnly) report({ messageId: 'sshPortOnly', data: { port }, range: arg.getRange(), severity: 'info', suggestions: [fix] });
        else report({ messageId: 'ssh', data: { port }, range: arg.getRange(), suggestions: [fix] });
      });
    }
  },
});
