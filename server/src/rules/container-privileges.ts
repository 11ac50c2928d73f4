import { composeServices, deletePair, deleteSeqItem, isScalar, isSeq, jsonEdit, jsonProperty, jsonRange, nodeRange, removeArrayElements, yamlGet } from '../engine/documents/documentChecks';
import type { DocumentModel } from '../engine/documents/documentModel';
import { kubernetesObjects, podSpecs } from '../engine/documents/kubernetes';
import { defineRule, type Report } from '../engine/rule';
import { flagsOf, keywordOf } from '../engine/dockerfile/instructions';

/** What sharing each host namespace lets a container do (IPC is shared memory, not signals). */
const NAMESPACE_RISK: Record<string, string> = {
  process: "it sees the host's processes and can signal them",
  network: "it can reach the host's local services and sniff its traffic",
  IPC: "it can read and write the host's shared memory",
};

/** What each risky capability hands the container, said as it is (SYS_PTRACE is not root on the host). */
const CAP_RISK: Record<string, string> = {
  ALL: 'every capability, nearly the same as privileged',
  SYS_ADMIN: 'close to root on the host (mounts, namespaces, most of what isolation rests on)',
  SYS_MODULE: 'it can load kernel modules, which is root on the host',
  SYS_PTRACE: "it can read and change the memory of the container's other processes (of the host's too, with the host's process namespace)",
  NET_ADMIN: 'it can change the firewall rules, interfaces and routes of the network it is on',
  DAC_READ_SEARCH: 'it can open files by handle past permission checks, the way the "shocker" escape read host files',
};
function capabilityData(where: string, cap: string): Record<string, string> {
  return { where, cap, risk: CAP_RISK[cap.toUpperCase().replace(/^CAP_/, '')] ?? 'close to root on the host' };
}

/** `seccomp:unconfined`, `apparmor=unconfined`, `label:disable`: Docker's default confinement turned off. */
const UNCONFINED = /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$/i;

/** Capabilities that are root in all but name. */
const DANGEROUS_CAPS = /^(CAP_)?(ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|NET_ADMIN|DAC_READ_SEARCH)$/i;

export default defineRule({
  meta: {
    id: 'container-privileges',
    group: 'other-security',
    description: "Compose services, dev containers, Kubernetes pods and RUN steps must not run privileged or share the host's namespaces.",
    severity: 'warning',
    messages: {
      privileged: '{{where}} runs privileged: it has every capability and every device of the host, so a breakout is one step away.',
      hostNamespace: "{{where}} shares the host's {{namespace}} namespace ({{setting}}): {{risk}}.",
      capability: '{{where}} adds the {{cap}} capability: {{risk}}.',
      insecureBuild:
        'RUN --security=insecure runs this step with every privilege of the build machine, as `docker run --privileged` would: whatever the step downloads or runs can take over the builder and poison the cache of other builds.',
      unconfined: "{{where}} turns off Docker's default {{profile}} profile ({{setting}}): the system calls and accesses it blocks are open to the container again.",
    },
    applicability: ['suggestion'],
    severityNote: 'error for privileged',
    // A developer's own containers: the risk is the developer's machine, chosen on purpose. A test
    // environment's are throwaway containers on a CI runner, set up as the thing under test needs
    // (dozzle's and Traefik's socket, Cypress's shared memory, k3d's privileged node): reviewers
    // judged every one of them noise, at info too.
    roles: { test: 'off', dev: 'info', tool: 'info' },
  },
  // `RUN --security=insecure`: the step runs with every privilege of the build machine, like
  // `docker run --privileged` (BuildKit's `security.insecure` entitlement).
  check({ model, report }) {
    for (const instruction of model.ast.getInstructions()) {
      if (keywordOf(instruction) !== 'RUN') continue;
      const flag = flagsOf(instruction).find((f) => f.getName().toLowerCase() === 'security' && f.getValue()?.toLowerCase() === 'insecure');
      if (flag) report({ messageId: 'insecureBuild', range: flag.getRange() });
    }
  },
  documents: {
    compose: ({ document, report }) => checkCompose(document, report),
    devcontainer: ({ document, report }) => checkDevcontainer(document, report),
    kubernetes: ({ document, report }) => checkKubernetes(document, report),
  },
});

/**
 * Agents that monitor the host they run on: sharing its process and network namespaces is
 * what they are for, as their own docs set them up (node_exporter's `pid: host`).
 */
const HOST_AGENT = /(^|\/)(node-exporter|node_exporter|cadvisor|netdata|datadog\/agent|alloy|grafana-agent|process-exporter)(:|@|$)/;

/** Services' privileged flag, host namespaces and added capabilities. */
function checkCompose(document: DocumentModel, report: Report): void {
  for (const { name, node } of composeServices(document)) {
    const where = `Service "${name}"`;
    const image = yamlGet(node, 'image');
    // A host monitoring agent's documented setup: still said, at info.
    const agent = isScalar(image) && HOST_AGENT.test(String(image.value)) ? ('info' as const) : undefined;
    const flag = (key: string, test: (v: unknown) => boolean, messageId: string, data: Record<string, string>, severity?: 'error' | 'info') => {
      const value = yamlGet(node, key);
      if (!isScalar(value) || !test(value.value)) return;
      const edit = deletePair(document, node, key);
      report({
        messageId,
        data: { where, ...data },
        range: nodeRange(document, value),
        ...(severity ? { severity } : {}),
        suggestions: edit ? [{ title: `Remove ${key}`, edits: [edit] }] : [],
      });
    };
    flag('privileged', (v) => v === true || v === 'true', 'privileged', {}, 'error');
    flag('pid', (v) => v === 'host', 'hostNamespace', { namespace: 'process', setting: 'pid: host', risk: NAMESPACE_RISK.process }, agent);
    flag('network_mode', (v) => v === 'host', 'hostNamespace', { namespace: 'network', setting: 'network_mode: host', risk: NAMESPACE_RISK.network }, agent);
    flag('ipc', (v) => v === 'host', 'hostNamespace', { namespace: 'IPC', setting: 'ipc: host', risk: NAMESPACE_RISK.IPC });
    const caps = yamlGet(node, 'cap_add');
    if (isSeq(caps)) {
      caps.items.forEach((cap, index) => {
        if (!isScalar(cap) || !DANGEROUS_CAPS.test(String(cap.value))) return;
        const edit = deleteSeqItem(document, node, 'cap_add', caps, index);
        report({
          messageId: 'capability',
          data: capabilityData(where, String(cap.value)),
          range: nodeRange(document, cap),
          suggestions: edit ? [{ title: `Remove ${String(cap.value)} from cap_add`, edits: [edit] }] : [],
        });
      });
    }
    const options = yamlGet(node, 'security_opt');
    if (isSeq(options)) {
      options.items.forEach((option, index) => {
        if (!isScalar(option) || !UNCONFINED.test(String(option.value))) return;
        const setting = String(option.value);
        const edit = deleteSeqItem(document, node, 'security_opt', options, index);
        report({
          messageId: 'unconfined',
          data: { where, profile: profileOf(setting), setting },
          range: nodeRange(document, option),
          suggestions: edit ? [{ title: `Remove ${setting} from security_opt`, edits: [edit] }] : [],
        });
      });
    }
  }
}

function profileOf(setting: string): string {
  return /^label/i.test(setting) ? 'SELinux label' : /^apparmor/i.test(setting) ? 'AppArmor' : 'seccomp';
}

/** devcontainer.json's privileged flag, runArgs and capAdd. */
function checkDevcontainer(document: DocumentModel, report: Report): void {
  const where = 'The dev container';
  const privileged = jsonProperty(document, ['privileged']);
  if (privileged?.value === true) {
    report({
      messageId: 'privileged',
      data: { where },
      range: jsonRange(document, privileged),
      severity: 'error',
      suggestions: [{ title: 'Remove "privileged": true', edits: jsonEdit(document, ['privileged'], undefined) }],
    });
  }
  const runArgs = jsonProperty(document, ['runArgs']);
  const args = (runArgs?.children ?? []).map((c) => (c.type === 'string' ? String(c.value) : ''));
  args.forEach((arg, index) => {
    const range = jsonRange(document, runArgs!.children![index]);
    if (arg === '--privileged') {
      report({
        messageId: 'privileged',
        data: { where },
        range,
        severity: 'error',
        suggestions: [{ title: 'Remove --privileged', edits: removeArrayElements(document, runArgs!, index) }],
      });
    } else if (/^--(pid|network|net|ipc)=host$/.test(arg)) {
      const namespace = arg.startsWith('--pid') ? 'process' : arg.startsWith('--ipc') ? 'IPC' : 'network';
      report({
        messageId: 'hostNamespace',
        data: { where, namespace, setting: arg, risk: NAMESPACE_RISK[namespace] },
        range,
      });
    } else if (/^--cap-add(=|$)/.test(arg)) {
      const cap = arg.includes('=') ? arg.split('=')[1] : (args[index + 1] ?? '');
      if (DANGEROUS_CAPS.test(cap)) report({ messageId: 'capability', data: capabilityData(where, cap), range, ...ptraceInDevcontainer(cap) });
    } else if (/^--security-opt(=|$)/.test(arg)) {
      const setting = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[index + 1] ?? '');
      if (UNCONFINED.test(setting)) report({ messageId: 'unconfined', data: { where, profile: profileOf(setting), setting }, range });
    }
  });
  const capAdd = jsonProperty(document, ['capAdd']);
  for (const cap of capAdd?.children ?? []) {
    if (DANGEROUS_CAPS.test(String(cap.value)))
      report({ messageId: 'capability', data: capabilityData(where, String(cap.value)), range: jsonRange(document, cap), ...ptraceInDevcontainer(String(cap.value)) });
  }
  for (const option of jsonProperty(document, ['securityOpt'])?.children ?? []) {
    const setting = String(option.value);
    if (UNCONFINED.test(setting)) report({ messageId: 'unconfined', data: { where, profile: profileOf(setting), setting }, range: jsonRange(document, option) });
  }
}

/** Debuggers in a dev container need ptrace (seen across the corpus's dev containers): a judgement call. */
function ptraceInDevcontainer(cap: string): { severity?: 'info' } {
  return /^(CAP_)?SYS_PTRACE$/i.test(cap) ? { severity: 'info' } : {};
}

/** Pod specs: hostPID/hostNetwork/hostIPC, and each container's privileged flag and added capabilities. */
function checkKubernetes(document: DocumentModel, report: Report): void {
  const namespaces: [string, string][] = [
    ['hostPID', 'process'],
    ['hostNetwork', 'network'],
    ['hostIPC', 'IPC'],
  ];
  for (const object of kubernetesObjects(document)) {
    const owner = `${object.kind} "${object.name}"`;
    for (const spec of podSpecs(object.node)) {
      for (const [key, namespace] of namespaces) {
        const value = yamlGet(spec, key);
        if (!isScalar(value) || value.value !== true) continue;
        const edit = deletePair(document, spec, key);
        report({
          messageId: 'hostNamespace',
          data: { where: owner, namespace, setting: `${key}: true`, risk: NAMESPACE_RISK[namespace] },
          range: nodeRange(document, value),
          suggestions: edit ? [{ title: `Remove ${key}`, edits: [edit] }] : [],
        });
      }
      for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
        const containers = yamlGet(spec, list);
        if (!isSeq(containers)) continue;
        for (const container of containers.items) {
          const where = `Container "${String((yamlGet(container, 'name') as { value?: unknown } | undefined)?.value ?? '?')}" of ${owner}`;
          const context = yamlGet(container, 'securityContext');
          const privileged = yamlGet(context, 'privileged');
          if (isScalar(privileged) && privileged.value === true) report({ messageId: 'privileged', data: { where }, range: nodeRange(document, privileged), severity: 'error' });
          const added = yamlGet(yamlGet(context, 'capabilities'), 'add');
          if (!isSeq(added)) continue;
          for (const cap of added.items) {
            if (isScalar(cap) && DANGEROUS_CAPS.test(String(cap.value))) report({ messageId: 'capability', data: capabilityData(where, String(cap.value)), range: nodeRange(document, cap) });
          }
        }
      }
    }
  }
}
