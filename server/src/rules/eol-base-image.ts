import { endOfLife } from '../engine/knowledge/endOfLife';
import { displayName } from '../engine/knowledge/imageRef';
import { rootBase } from '../engine/dockerfile/stageLineage';
import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'eol-base-image',
    group: 'minimal-base',
    description: 'The final image must not be built on a release that no longer gets security fixes.',
    severity: 'warning',
    messages: {
      eol: '{{image}} is past end of life: {{releases}}. It gets no security fixes; move to a supported release ({{supported}}).',
      eolDefault:
        '{{image}}, the default of ARG {{arg}}, is past end of life: {{releases}}. Builds that pass no other {{arg}} get no security fixes; move the default to a supported release ({{supported}}).',
    },
    applicability: [],
    roles: { build: 'info', test: 'info', dev: 'info', tool: 'info' },
  },
  check({ model, report, now }) {
    const stage = model.finalStage;
    if (!stage) return;
    const base = rootBase(stage);
    if (!base.ref || !base.range) return;
    const expired = endOfLife(base.ref, now);
    if (expired.length === 0) return;
    // The version through an ARG default: release builds often pass their own (shiori's
    // ALPINE_VERSION), so the stale default is worth a look, not a warning.
    const arg = base.viaArgs[0];
    report({
      messageId: arg ? 'eolDefault' : 'eol',
      ...(arg ? { severity: 'info' as const } : {}),
      data: {
        arg: arg ?? '',
        image: `${displayName(base.ref)}:${base.ref.tag}`,
        releases: expired.map((e) => `${e.product} ${e.cycle} ended on ${e.date}`).join('; '),
        supported: expired.map((e) => `${e.product.split(' ')[0]} ${e.supported.join(', ')}`).join('; '),
      },
      range: base.range,
    });
  },
});
