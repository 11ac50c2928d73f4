import { DOCKER_HUB, parseImageRef, type ImageRef } from '../engine/knowledge/imageRef';
import { flagsOf, keywordOf } from '../engine/dockerfile/instructions';
import { namesStage } from '../engine/dockerfile/copySources';
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
    const trusted = trustedRegistries.join(', ');
    for (const stage of model.stages) {
      const { ref, range } = stage.base;
      if (!ref || !range || isTrusted(ref, trustedRegistries)) continue;
      report({ messageId: 'untrusted', data: { image: stage.base.resolved ?? stage.base.text, registry: ref.registry, trusted }, range });
    }
    // Images pulled by COPY --from=<image> and RUN --mount=…,from=<image>: files of theirs land in
    // the image as surely as a base's do (hadolint's DL3026 reads both).
    for (const instruction of model.ast.getInstructions()) {
      const keyword = keywordOf(instruction);
      if (keyword !== 'COPY' && keyword !== 'ADD' && keyword !== 'RUN') continue;
      for (const flag of flagsOf(instruction)) {
        const name = flag.getName().toLowerCase();
        const value =
          name === 'from'
            ? flag.getValue()
            : name === 'mount'
              ? (flag
                  .getOptions()
                  .find((o) => o.getName().toLowerCase() === 'from')
                  ?.getValue() ?? null)
              : null;
        if (!value || namesStage(model, value) || /^\d+$/.test(value) || value.includes('$')) continue;
        const ref = parseImageRef(value);
        if (!ref || isTrusted(ref, trustedRegistries)) continue;
        report({ messageId: 'untrusted', data: { image: value, registry: ref.registry, trusted }, range: flag.getRange() });
      }
    }
  },
});
