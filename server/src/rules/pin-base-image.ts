import { displayName } from '../engine/imageRef';
import { defineRule } from '../engine/rule';
import { classifyTag } from '../engine/tags';

export default defineRule({
  meta: {
    id: 'pin-base-image',
    group: 'pinning',
    description: 'Base images must name an exact version or a digest, never `latest` or a floating tag.',
    severity: 'warning',
    messages: {
      missing: '{{image}} has no tag, so it means "latest": every build may get a different image{{via}}.',
      latest: '{{image}} uses the "latest" tag, which moves with every release{{via}}.',
      channel: '{{image}} uses "{{tag}}", a tag that moves to each new release{{via}}. Pin an exact version or a digest.',
      major: '{{image}} uses "{{tag}}", which moves to every new minor and patch release{{via}}. Pin an exact version or a digest.',
      minor: '{{image}} uses "{{tag}}", which moves to every new patch release{{via}}. Pin the patch version or a digest.',
    },
    fix: 'none',
    peers: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001', 'AVD-DS-0001', 'DS001'], checkov: ['CKV_DOCKER_7'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const { ref, range, viaArgs } = stage.base;
      if (!ref || ref.digest || !range) continue;
      const tagClass = classifyTag(ref);
      if (tagClass.kind === 'exact') continue;
      report({
        messageId: tagClass.kind,
        data: {
          image: displayName(ref),
          tag: tagClass.tag ?? '',
          via: viaArgs.length > 0 ? ` (through ARG ${viaArgs.join(', ')})` : '',
        },
        range,
        // Patch-level drift is a judgement call: reported, but below the warning threshold.
        ...(tagClass.kind === 'minor' ? { severity: 'info' as const } : {}),
      });
    }
  },
});
