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
    report({
      messageId: 'eol',
      data: {
        image: `${displayName(base.ref)}:${base.ref.tag}`,
        releases: expired.map((e) => `${e.product} ${e.cycle} ended on ${e.date}`).join('; '),
        supported: expired.map((e) => `${e.product.split(' ')[0]} ${e.supported.join(', ')}`).join('; '),
      },
      range: base.range,
    });
  },
});
