import { DOCKER_HUB, type ImageRef } from '../engine/knowledge/imageRef';
import { defineRule } from '../engine/rule';

/** `docker.io`, `*.gcr.io` (any subdomain), `ghcr.io/my-org` (a path prefix). */
export function isTrusted(ref: ImageRef, trusted: readonly string[]): boolean {
  const full = `${ref.registry}/${ref.repository}`;
  return trusted.some((entry) => {
    const pattern = entry.trim().toLowerCase().replace(/\/+$/, '');
    if (pattern === 'docker.io' || pattern === 'index.docker.io' || pattern === 'hub.docker.com') return ref.registry === DOCKER_HUB;
    if (pattern.startsWith('*.')) return ref.registry.endsWith(pattern.slice(1));
    return pattern.includes('/') ? full === pattern || full.startsWith(`${pattern}/`) : ref.registry === pattern;
  });
}

export default defineRule({
  meta: {
    id: 'untrusted-registry',
    group: 'other-security',
    description: 'Base images must come from the registries the project trusts (when a config lists them).',
    severity: 'error',
    messages: {
      untrusted: '{{image}} comes from {{registry}}, which is not in trustedRegistries ({{trusted}}).',
    },
    applicability: [],
    peers: { hadolint: ['DL3026'] },
  },
  check({ model, report, trustedRegistries }) {
    if (!trustedRegistries || trustedRegistries.length === 0) return;
    for (const stage of model.stages) {
      const { ref, range } = stage.base;
      if (!ref || !range || isTrusted(ref, trustedRegistries)) continue;
      report({ messageId: 'untrusted', data: { image: stage.base.resolved ?? stage.base.text, registry: ref.registry, trusted: trustedRegistries.join(', ') }, range });
    }
  },
});
