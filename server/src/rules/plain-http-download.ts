import { defineRule } from '../engine/rule';
import { allCommands, wordRange } from '../engine/edits/shellEdits';
import { argumentsOf, keywordOf } from '../engine/dockerfile/instructions';
import { effectiveArgv } from '../shell/commands';
import { urlForMessage, urlHost } from '../engine/knowledge/urls';

/**
 * Downloads over plain HTTP during the build: `curl http://…`, `wget http://…`, `ADD http://…`,
 * and Alpine package repositories given as `http://` (`apk add --repository http://…`, a line
 * written to /etc/apk/repositories). Anyone on the network path can swap what the build
 * installs. Internal hosts (localhost, a name without a dot such as a compose service) and
 * URLs whose host is a variable are left alone: the build is not crossing a network it does not
 * control, or the tool cannot tell.
 */
export default defineRule({
  meta: {
    id: 'plain-http-download',
    group: 'other-security',
    description: 'Downloads and package repositories in the build must use HTTPS, not plain HTTP.',
    severity: 'warning',
    messages: {
      download: '{{tool}} fetches {{url}} over plain HTTP: anyone on the network path can swap what the build installs. Use https:// (and check a checksum).',
      repository:
        'Packages come from {{url}} over plain HTTP: apk checks the index signature, but an attacker on the path can still hold back security updates or serve old vulnerable packages. Use https://.',
    },
    severityNote: 'info for an Alpine package repository',
    applicability: [],
    applicabilityNote: 'none (whether the host serves HTTPS cannot be checked offline)',
    roles: { test: 'info', dev: 'info' },
    peers: {},
  },
  check({ model, report }) {
    for (const { run, command } of allCommands(model)) {
      const { program, args } = effectiveArgv(command);
      if (program === 'curl' || program === 'wget') {
        for (const arg of args) {
          // A URL with `?` or `*` is a glob to the shell parser, so its value is not literal: read its text.
          const url = arg.value ?? (arg.text.includes('$') ? null : arg.text.replace(/^["']|["']$/g, ''));
          if (isExternalHttp(url)) report({ messageId: 'download', data: { tool: program, url: urlForMessage(url!) }, range: wordRange(run, arg) });
        }
      } else if (program === 'apk') {
        for (let i = 0; i < args.length; i++) {
          const value = args[i].value ?? '';
          const url = value === '--repository' || value === '-X' ? args[i + 1] : value.startsWith('--repository=') ? args[i] : null;
          const text = url?.value?.replace(/^--repository=/, '') ?? null;
          if (url && isExternalHttp(text)) report({ messageId: 'repository', data: { url: urlForMessage(text!) }, range: wordRange(run, url), severity: 'info' });
        }
      } else if (program === 'echo' || program === 'printf') {
        // `echo http://dl-cdn.alpinelinux.org/alpine/edge/testing >> /etc/apk/repositories`
        if (!command.redirects.some((r) => (r.target?.value ?? '').endsWith('/etc/apk/repositories'))) continue;
        for (const arg of args) if (isExternalHttp(arg.value)) report({ messageId: 'repository', data: { url: urlForMessage(arg.value!) }, range: wordRange(run, arg), severity: 'info' });
      }
    }
    for (const instruction of model.ast.getInstructions()) {
      if (keywordOf(instruction) !== 'ADD') continue;
      for (const argument of argumentsOf(instruction).slice(0, -1)) {
        const value = argument.getValue();
        if (isExternalHttp(value)) report({ messageId: 'download', data: { tool: 'ADD', url: urlForMessage(value) }, range: argument.getRange() });
      }
    }
  },
});

/** An `http://` URL to a host on another network: a dotted name or address that is not loopback. */
function isExternalHttp(value: string | null): boolean {
  const host = value && /^http:\/\//i.test(value) ? urlHost(value) : null;
  if (!host || !host.includes('.')) return false;
  return !/^(127\.|0\.0\.0\.0$|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) && !/\.(local|internal|localhost)$/.test(host);
}
