import { composeServices, isScalar, nodeRange, yamlGet } from '../engine/documents/documentChecks';
import type { DocumentModel } from '../engine/documents/documentModel';
import { interpolateCompose } from '../engine/dockerfile/variables';
import { codenameRelease } from '../engine/knowledge/endOfLife';
import { displayName, parseImageRef } from '../engine/knowledge/imageRef';
import { classifyTag, publishesRollingTagsOnly } from '../engine/knowledge/tags';
import { defineRule, type Report } from '../engine/rule';

/**
 * Compose services' `image:`, what a deployment pulls: no tag or `latest` (also through
 * `${TAG:-latest}`), and tags with no version at all (`redis:alpine`). Off by default: reviewers
 * reading 99 such findings on real repositories judged about half noise (the project's own
 * quick-start pulling `latest` on purpose, test fixtures, tags built locally), so a team that pins
 * its deployments turns it on.
 */
export default defineRule({
  meta: {
    id: 'compose-image-tag',
    group: 'pinning',
    description: 'Compose services must pull an image by an exact version or a digest, not `latest` or no tag.',
    severity: 'info',
    offByDefault: true,
    messages: {
      missing: 'Service "{{service}}" pulls {{image}} with no tag{{via}}, so it means "latest": each pull may start a different version.',
      latest: 'Service "{{service}}" pulls {{image}}:{{tag}}{{via}}, which moves with every release: each pull may start a different version.',
      channel: 'Service "{{service}}" pulls {{image}}:{{tag}}{{via}}, a tag with no version that moves to each new release.',
    },
    applicability: [],
    applicabilityNote: "none (the version to pin is the team's choice)",
    roles: { test: 'hint', dev: 'hint', tool: 'hint' },
    peers: {},
  },
  documents: {
    compose: ({ document, report }) => checkComposeImages(document, report),
  },
});

/** Tags that name an image built on this machine, never pulled (`linkding:local`). */
const LOCAL_TAG = /^(local|localbuild|dev-local)$/i;

function checkComposeImages(document: DocumentModel, report: Report): void {
  for (const { name, node } of composeServices(document)) {
    // A service that builds names the image it builds; `pull_policy: never` or `build` never pulls.
    if (yamlGet(node, 'build') !== undefined) continue;
    const policy = yamlGet(node, 'pull_policy');
    if (isScalar(policy) && /^(never|build)$/i.test(String(policy.value))) continue;
    const image = yamlGet(node, 'image');
    if (!isScalar(image) || typeof image.value !== 'string') continue;
    const written = image.value.trim();
    // A variable with no default (`${REGISTRY}/tool`) is the deployment's choice: not judged.
    const { value, unresolved } = interpolateCompose(written);
    if (unresolved.length > 0 || value.includes('$') || value === '') continue;
    const ref = parseImageRef(value);
    if (!ref || ref.digest) continue;
    const tagClass = classifyTag(ref);
    // A version line (`postgres:16`, `redis:7-alpine`, `debian:bookworm`) is how service images are
    // meant to be run: their maintainers ship security fixes into it.
    if (tagClass.kind !== 'missing' && tagClass.kind !== 'latest' && tagClass.kind !== 'channel') continue;
    if (tagClass.kind === 'channel' && (publishesRollingTagsOnly(ref) || codenameRelease(ref) || LOCAL_TAG.test(tagClass.tag ?? ''))) continue;
    const data = { service: name, image: displayName(ref), tag: tagClass.tag ?? '', via: written !== value ? ` (through ${written})` : '' };
    report({ messageId: tagClass.kind, data, range: nodeRange(document, image) });
  }
}
