import { codenameRelease, endOfLife } from '../engine/knowledge/endOfLife';
import { displayName, parseImageRef, repositoryName, type ImageRef } from '../engine/knowledge/imageRef';
import { copyFromFlag, namesStage } from '../engine/dockerfile/copySources';
import type { Range } from '../engine/types';
import { defineRule } from '../engine/rule';
import { classifyTag, publishesRollingTagsOnly } from '../engine/knowledge/tags';

export default defineRule({
  meta: {
    id: 'pin-base-image',
    group: 'pinning',
    description: 'Base images (and images COPY --from copies out of) must name an exact version or a digest, never `latest` or a floating tag.',
    severity: 'warning',
    messages: {
      missing: '{{image}} has no tag, so it means "latest": every build may get a different image{{via}}.',
      latest: '{{image}} uses the "latest" tag, which moves with every release{{via}}.',
      channel: '{{image}} uses "{{tag}}", a tag that moves to each new release{{via}}. Pin an exact version or a digest.',
      major: '{{image}} uses "{{tag}}", which moves to every new minor and patch release{{via}}. Pin an exact version or a digest.',
      codename: '{{image}} uses "{{tag}}", which moves to every update of {{release}}{{via}}. Pin a dated tag or a digest.',
      minor:
        '{{image}} uses "{{tag}}", which gets patch releases but never a newer minor one{{via}}, and no Dependabot or Renovate config in this repository moves it. Pin an exact version and let an update bot raise it, or raise it by hand.',
    },
    applicability: [],
    roles: { build: 'hint', test: 'hint', dev: 'hint', tool: 'hint' },
    severityNote:
      'info for a rolling tag (`stable`, `edge`), hint for a major version only (`node:22`) or a Debian or Ubuntu codename (`bookworm`, `noble`), all only in stages that ship; a major.minor tag (`alpine:3.20`) is a hint only where no Dependabot or Renovate config raises base image tags, and the rolling tags of images that publish no versions (distroless) are not reported',
    applicabilityNote: "none in the rule (`dockerfile-hardening pin` and the editor's pin action look the digest up)",
    peers: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001', 'AVD-DS-0001', 'DS001'], checkov: ['CKV_DOCKER_7'] },
  },
  check({ model, report, now, builtHere, baseImageUpdates }) {
    const judge = (ref: ImageRef, range: Range, resolved: string | null, via: string, copied = false) => {
      if (ref.digest) return;
      // An image the repository builds itself comes from the same pipeline: there is no release to pin.
      if (resolved && builtHere.has(repositoryName(resolved))) return;
      const tagClass = classifyTag(ref);
      if (tagClass.kind === 'exact') return;
      // `python:3.13-slim` follows patch releases of a fixed minor: how most teams get security
      // fixes on a rebuild, and reviewers judged such findings noise where a bot raises the tag.
      // Where nothing does (no Dependabot or Renovate), the minor line ages past its end of life
      // unnoticed: a hint. Unknown repository (a file alone, stdin): nothing is known, nothing said.
      if (tagClass.kind === 'minor' && baseImageUpdates !== 'none') return;
      // A minor line past its end of life is eol-base-image's finding: one finding per cause.
      if (tagClass.kind === 'minor' && endOfLife(ref, now).length > 0) return;
      // Distroless and Chainguard's free images publish rolling tags only (`nonroot`, `debug`):
      // there is no version to pin to, and the digest is what `pin` offers.
      if (tagClass.kind === 'channel' && publishesRollingTagsOnly(ref)) return;
      // `ubuntu:noble`, `debian:bookworm-slim`: a release line, like a major version tag.
      const release = tagClass.kind === 'channel' ? codenameRelease(ref) : null;
      if (release) {
        report({
          messageId: 'codename',
          data: { image: displayName(ref), tag: tagClass.tag ?? '', via, release: `${release.distribution} ${release.version}` },
          range,
          severity: 'hint',
          shippedOnly: true,
        });
        return;
      }
      report({
        messageId: tagClass.kind,
        data: { image: displayName(ref), tag: tagClass.tag ?? '', via },
        range,
        // A tag that names a version drifts within it: a judgement call many teams make on purpose
        // (rebuilt on a schedule, bumped by Renovate), so below the warning threshold.
        // What COPY --from takes out of `latest` is often data meant to be fresh (docker-mailserver's
        // ClamAV signatures), so it is info there.
        ...(tagClass.kind === 'major' || tagClass.kind === 'minor' ? { severity: 'hint' as const } : tagClass.kind === 'channel' || copied ? { severity: 'info' as const } : {}),
        // In a builder, test or tool stage a moving tag that stays within a release line is how
        // it gets the toolchain's security releases, and none of it ships: reviewers judged
        // every such finding noise. `latest` and no tag are still reported there (as hints).
        ...(tagClass.kind === 'major' || tagClass.kind === 'minor' || tagClass.kind === 'channel' ? { shippedOnly: true } : {}),
      });
    };
    for (const stage of model.stages) {
      const { ref, range, viaArgs, resolved } = stage.base;
      if (ref && range) judge(ref, range, resolved, viaArgs.length > 0 ? ` (through ARG ${viaArgs.join(', ')})` : '');
      // `COPY --from=composer:2`: the copied files ship as surely as a base image's (shlink).
      for (const instruction of stage.instructions) {
        const flag = copyFromFlag(instruction);
        const value = flag?.getValue();
        const valueRange = flag?.getValueRange();
        if (!value || !valueRange || value.includes('$') || namesStage(model, value) || !/[/:@]/.test(value)) continue;
        const copied = parseImageRef(value);
        if (copied) judge(copied, valueRange, value, ' (copied from with COPY --from)', true);
      }
    }
  },
});
