import { ciSteps, ciUnit, isPreviewPush, isTestPipeline, preReleaseChannel, type CiStep } from '../engine/ci';
import { CI_KINDS } from '../engine/fileKinds';
import { addStepId, appendLines, grantIdToken, stepAfter } from '../engine/edits/ciEdits';
import { nodeRange, yamlGet } from '../engine/documents/documentChecks';
import type { DocumentModel } from '../engine/documents/documentModel';
import { defineRule, forKinds, type DocumentKind } from '../engine/rule';
import type { Fix, TextEdit } from '../engine/types';

export default defineRule({
  meta: {
    id: 'image-signing-missing',
    group: 'signing',
    description: 'A pipeline that pushes an image must sign it (cosign, notation, Content Trust).',
    severity: 'warning',
    messages: {
      unsigned: 'This {{what}} pushes an image and nothing in this pipeline signs it: whoever pulls it cannot check that it came from this pipeline unaltered (a signature a deploy can require).',
      unsignedMany: 'This {{what}} pushes an image ({{count}} push steps in this pipeline) and nothing signs them: whoever pulls them cannot check that they came from this pipeline unaltered.',
      unsignedPreRelease: 'This {{what}} pushes {{channel}} images and nothing in it signs them: whoever pulls them cannot tell them from tampered ones. Sign them as the release images should be.',
    },
    severityNote: 'info for a nightly, edge, canary or dev pipeline',
    applicability: ['suggestion'],
  },
  documents: forKinds(CI_KINDS, ({ document, filePath, report }) => {
    // A pipeline named for tests (`build-test.yaml`, `e2e.yml`) pushes test tags at most; the
    // release pipeline is where the gap matters, and reviewers judged these findings noise.
    if (isTestPipeline(filePath)) return;
    const steps = ciSteps(document);
    if (steps.some((s) => s.signs)) return;
    // One finding per pipeline, on its first push, as image-scan-missing does: one cause, one finding.
    const pushes = steps.filter((s) => s.pushes);
    // A pull request's preview (homarr's homarr-test:pr-N, deleted when the pull request closes) is
    // throwaway: the release push carries the finding, and reviewers judged the preview's noise.
    const step = pushes.find((s) => !isPreviewPush(document, s));
    if (!step) return;
    const fix = SIGNING_FIXES[document.kind]?.(document, step) ?? null;
    // Nightly and edge images are not what deployments pull (listmonk's nightly.yml, linkwarden's
    // release-edge-container.yml): still unsigned, worth a note rather than a warning.
    const channel = preReleaseChannel(filePath);
    report({
      messageId: channel ? 'unsignedPreRelease' : pushes.length > 1 ? 'unsignedMany' : 'unsigned',
      ...(channel ? { severity: 'info' as const } : {}),
      data: { what: ciUnit(document), count: pushes.length, channel: channel ?? '' },
      range: nodeRange(document, step.anchor),
      suggestions: fix ? [fix] : [],
    });
  }),
});

/** Fixes are written for GitHub and GitLab; the other systems get the finding. */
const SIGNING_FIXES: Partial<Record<DocumentKind, (document: DocumentModel, step: CiStep) => Fix | null>> = {
  'github-workflow': (document, step) => githubSigning(document, step),
  'gitlab-ci': (document, step) => gitlabSigning(document, step),
};

/** Keyless cosign after the push: the workflow's OIDC identity signs, no key to manage. */
function githubSigning(document: DocumentModel, step: CiStep): Fix | null {
  if (!step.image) return null;
  const edits: TextEdit[] = [];
  let reference = step.image;
  if (step.usesBuildPushAction) {
    const id = step.id ?? 'build-image';
    if (!step.id) edits.push(addStepId(document, step, id));
    // Sign the digest that was pushed, not a tag that can move.
    reference = `${step.image.split('@')[0].replace(/:[^/:]+$/, '')}@\${{ steps.${id}.outputs.digest }}`;
  }
  const permissions = grantIdToken(document, step);
  if (permissions.edit) edits.push(permissions.edit);
  edits.push(stepAfter(document, step, ['name: Install cosign', 'uses: sigstore/cosign-installer@v3.7.0']));
  edits[edits.length - 1] = mergeInsert(edits[edits.length - 1], stepAfter(document, step, ["name: Sign the image (keyless, with this workflow's identity)", `run: cosign sign --yes "${reference}"`]));
  return {
    title: permissions.newBlock ? 'Sign the pushed image with cosign (adds job permissions: check them)' : 'Sign the pushed image with cosign (keyless)',
    edits,
  };
}

/** Two insertions at the same point become one, in order. */
function mergeInsert(first: TextEdit, second: TextEdit): TextEdit {
  return { range: first.range, newText: first.newText + second.newText };
}

function gitlabSigning(document: DocumentModel, step: CiStep): Fix | null {
  if (!step.image) return null;
  const stage = yamlGet(step.jobNode, 'stage');
  const lines = [
    `sign-${step.job}:`,
    ...(stage ? [`  stage: ${String((stage as { value: unknown }).value)}`] : []),
    `  needs: ["${step.job}"]`,
    '  image: cgr.dev/chainguard/cosign:latest',
    '  id_tokens:',
    '    SIGSTORE_ID_TOKEN:',
    '      aud: sigstore',
    '  script:',
    `    - cosign sign --yes "${step.image}"`,
  ];
  return { title: `Add a job that signs the image with cosign after "${step.job}"`, edits: [appendLines(document, lines)] };
}
