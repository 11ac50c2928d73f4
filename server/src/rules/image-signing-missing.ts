import { ciSteps, ciUnit, type CiStep } from '../engine/ciModel';
import { CI_KINDS } from '../engine/fileKinds';
import { addStepId, appendLines, grantIdToken, stepAfter } from '../engine/ciEdits';
import { nodeRange, yamlGet } from '../engine/documentChecks';
import type { DocumentModel } from '../engine/documentModel';
import { defineRule } from '../engine/rule';
import type { Fix, TextEdit } from '../engine/types';

export default defineRule({
  meta: {
    id: 'image-signing-missing',
    group: 'signing',
    description: 'A pipeline that pushes an image must sign it (cosign, notation, Content Trust).',
    severity: 'warning',
    messages: {
      unsigned: 'This {{what}} pushes an image and nothing in this pipeline signs it: a deploy cannot tell your image from a tampered one.',
    },
    fix: 'suggestion',
    kinds: [...CI_KINDS],
  },
  check() {},
  checkDocument({ document, report }) {
    const github = document.kind === 'github-workflow';
    const steps = ciSteps(document);
    if (steps.some((s) => s.signs)) return;
    for (const step of steps.filter((s) => s.pushes)) {
      const fix = github ? githubSigning(document, step) : document.kind === 'gitlab-ci' ? gitlabSigning(document, step) : null;
      report({ messageId: 'unsigned', data: { what: ciUnit(document) }, range: nodeRange(document, step.anchor), suggestions: fix ? [fix] : [] });
    }
  },
});

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
  edits[edits.length - 1] = mergeInsert(edits[edits.length - 1], stepAfter(document, step, ['name: Sign the image (keyless, with this workflow\'s identity)', `run: cosign sign --yes "${reference}"`]));
  return {
    title: permissions.newBlock ? 'Sign the pushed image with cosign (adds job permissions: check them)' : 'Sign the pushed image with cosign (keyless)',
    safe: false,
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
  return { title: `Add a job that signs the image with cosign after "${step.job}"`, safe: false, edits: [appendLines(document, lines)] };
}
