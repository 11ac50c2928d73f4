import { ciSteps, ciUnit, isPreviewPush, isTestPipeline, preReleaseChannel, type CiStep } from '../engine/ci';
import { gitlabIncludesScanning } from '../engine/ci/gitlab';
import { CI_KINDS } from '../engine/fileKinds';
import { appendLines, stepAfter } from '../engine/edits/ciEdits';
import { nodeRange } from '../engine/documents/documentChecks';
import { yamlGet, yamlText, type DocumentModel } from '../engine/documents/documentModel';
import { isMap } from 'yaml';
import { defineRule, forKinds, type DocumentKind } from '../engine/rule';
import type { Fix } from '../engine/types';

export default defineRule({
  meta: {
    id: 'image-scan-missing',
    group: 'image-scanning',
    description: 'A pipeline that builds or pushes an image must scan it for vulnerabilities.',
    severity: 'warning',
    messages: {
      pushed: 'This {{what}} pushes an image, and nothing in this pipeline scans it for vulnerabilities: known CVEs ship unnoticed.',
      pushedPreRelease: 'This {{what}} pushes {{channel}} images, and nothing in it scans them for vulnerabilities: whoever runs them gets known CVEs unnoticed.',
    },
    applicability: ['suggestion'],
    severityNote: 'info for a nightly, edge, canary or dev pipeline',
  },
  documents: forKinds(CI_KINDS, ({ document, filePath, report }) => {
    // A pipeline named for tests (`build-test.yaml`, `e2e.yml`) pushes test tags at most; the
    // release pipeline is where the gap matters, and reviewers judged these findings noise.
    if (isTestPipeline(filePath)) return;
    const steps = ciSteps(document);
    if (steps.some((s) => s.scans) || (document.kind === 'gitlab-ci' && gitlabIncludesScanning(document)) || (document.kind === 'github-workflow' && callsScanningWorkflow(document))) return;
    // One finding per pipeline, on the first step that pushes. An image only built (for tests on
    // the runner, to fill a cache) goes nowhere: reviewers judged all such findings noise.
    // A release push comes before pull-request previews: that is the gap worth a warning.
    const pushes = steps.filter((s) => s.pushes);
    // A pull request's preview (homarr's homarr-test:pr-N, deleted when the pull request closes) is
    // throwaway: the release push carries the finding, and reviewers judged the preview's noise.
    const step = pushes.find((s) => !isPreviewPush(document, s));
    if (!step) return;
    const fix = SCAN_FIXES[document.kind]?.(document, step) ?? null;
    // Nightly, edge and dev images are not what deployments pull; usually the release pipeline
    // has the same gap, reported there (dozzle's dev.yml next to deploy.yml).
    const channel = preReleaseChannel(filePath);
    report({
      messageId: channel ? 'pushedPreRelease' : 'pushed',
      ...(channel ? { severity: 'info' as const } : {}),
      data: { what: ciUnit(document), channel: channel ?? '' },
      range: nodeRange(document, step.anchor),
      suggestions: fix ? [fix] : [],
    });
  }),
});

/** Fixes are written for GitHub and GitLab; the other systems get the finding. */
const SCAN_FIXES: Partial<Record<DocumentKind, (document: DocumentModel, step: CiStep) => Fix | null>> = {
  'github-workflow': (document, step) => githubScanStep(document, step),
  'gitlab-ci': (document, step) => gitlabScanning(document, step),
};

function githubScanStep(document: DocumentModel, step: CiStep): Fix | null {
  if (!step.image) return null;
  return {
    title: 'Add a Trivy scan step after the build',
    edits: [
      stepAfter(document, step, [
        'name: Scan the image for vulnerabilities',
        'uses: aquasecurity/trivy-action@0.28.0',
        'with:',
        `  image-ref: ${step.image}`,
        "  exit-code: '1'",
        '  ignore-unfixed: true',
        '  severity: CRITICAL,HIGH',
      ]),
    ],
  };
}

/** GitLab's own container scanning: include the template and point it at the image. */
function gitlabScanning(document: DocumentModel, step: CiStep): Fix | null {
  if (/^include:/m.test(document.source.text)) return null;
  const lines = ['include:', '  - template: Jobs/Container-Scanning.gitlab-ci.yml'];
  if (step.image) lines.push('', 'container_scanning:', '  variables:', `    CS_IMAGE: ${step.image}`);
  return { title: "Include GitLab's container scanning", edits: [appendLines(document, lines)] };
}

/**
 * A job that calls a reusable workflow named for scanning (`uses: ./.github/workflows/generic_vulnerability-scan.yml`):
 * the scan is in that file, which this one cannot see (docker-mailserver does this).
 */
function callsScanningWorkflow(document: DocumentModel): boolean {
  const jobs = yamlGet(document.yaml?.contents, 'jobs');
  if (!isMap(jobs)) return false;
  return jobs.items.some((pair) => {
    const uses = yamlText(yamlGet(pair.value, 'uses')) ?? '';
    return /\.ya?ml(@|$)/.test(uses) && /(scan|vuln|trivy|grype|snyk|cve|security)/i.test(uses);
  });
}
