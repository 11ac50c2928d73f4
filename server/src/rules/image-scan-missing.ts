import { ciSteps, ciUnit, gitlabIncludesScanning, type CiStep } from '../engine/ciModel';
import { CI_KINDS } from '../engine/fileKinds';
import { appendLines, stepAfter } from '../engine/ciEdits';
import { nodeRange } from '../engine/documentChecks';
import type { DocumentModel } from '../engine/documentModel';
import { defineRule } from '../engine/rule';
import type { Fix } from '../engine/types';

export default defineRule({
  meta: {
    id: 'image-scan-missing',
    group: 'image-scanning',
    description: 'A pipeline that builds or pushes an image must scan it for vulnerabilities.',
    severity: 'warning',
    messages: {
      pushed: 'This {{what}} pushes an image, and nothing in this pipeline scans it for vulnerabilities: known CVEs ship unnoticed.',
      built: 'This {{what}} builds an image, and nothing in this pipeline scans it for vulnerabilities.',
    },
    fix: 'suggestion',
    kinds: [...CI_KINDS],
  },
  check() {},
  checkDocument({ document, report }) {
    const github = document.kind === 'github-workflow';
    const steps = ciSteps(document);
    if (steps.some((s) => s.scans) || (document.kind === 'gitlab-ci' && gitlabIncludesScanning(document))) return;
    // One finding per pipeline, on the first step that pushes (or else builds).
    const step = steps.find((s) => s.pushes) ?? steps.find((s) => s.builds);
    if (!step) return;
    // Fixes are written for GitHub and GitLab; the other systems get the finding.
    const fix = github ? githubScanStep(document, step) : document.kind === 'gitlab-ci' ? gitlabScanning(document, step) : null;
    report({
      messageId: step.pushes ? 'pushed' : 'built',
      data: { what: ciUnit(document) },
      range: nodeRange(document, step.anchor),
      ...(step.pushes ? {} : { severity: 'info' as const }),
      suggestions: fix ? [fix] : [],
    });
  },
});

function githubScanStep(document: DocumentModel, step: CiStep): Fix | null {
  if (!step.image) return null;
  return {
    title: 'Add a Trivy scan step after the build',
    safe: false,
    edits: [stepAfter(document, step, [
      'name: Scan the image for vulnerabilities',
      'uses: aquasecurity/trivy-action@0.28.0',
      'with:',
      `  image-ref: ${step.image}`,
      "  exit-code: '1'",
      '  ignore-unfixed: true',
      '  severity: CRITICAL,HIGH',
    ])],
  };
}

/** GitLab's own container scanning: include the template and point it at the image. */
function gitlabScanning(document: DocumentModel, step: CiStep): Fix | null {
  if (/^include:/m.test(document.source.text)) return null;
  const lines = ['include:', '  - template: Jobs/Container-Scanning.gitlab-ci.yml'];
  if (step.image) lines.push('', 'container_scanning:', '  variables:', `    CS_IMAGE: ${step.image}`);
  return { title: "Include GitLab's container scanning", safe: false, edits: [appendLines(document, lines)] };
}
