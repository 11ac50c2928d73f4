/**
 * The CI systems the tool reads, in one table: what each calls a unit of work and how its
 * steps are read. Rules ask `ciSteps(document)` and never switch on the kind themselves.
 */
import type { FileKind } from '../../../../shared/fileKinds';
import type { DocumentModel } from '../documents/documentModel';
import { azureSteps } from './azure';
import { bitbucketSteps } from './bitbucket';
import { circleSteps } from './circleci';
import { githubSteps } from './github';
import { gitlabJobs } from './gitlab';
import { jenkinsSteps } from './jenkins';
import type { CiStep } from './step';

export type { CiStep } from './step';

interface CiDialect {
  /** What a finding calls one unit of the pipeline. */
  unit: 'job' | 'step';
  steps(document: DocumentModel): CiStep[];
}

const DIALECTS: Partial<Record<FileKind, CiDialect>> = {
  'github-workflow': { unit: 'step', steps: githubSteps },
  'gitlab-ci': { unit: 'job', steps: gitlabJobs },
  'azure-pipelines': { unit: 'step', steps: azureSteps },
  circleci: { unit: 'step', steps: circleSteps },
  'bitbucket-pipelines': { unit: 'step', steps: bitbucketSteps },
  jenkinsfile: { unit: 'step', steps: jenkinsSteps },
};

/** The steps of any CI kind the tool reads (none for other kinds). */
export function ciSteps(document: DocumentModel): CiStep[] {
  return DIALECTS[document.kind]?.steps(document) ?? [];
}

export function ciUnit(document: DocumentModel): 'job' | 'step' {
  return DIALECTS[document.kind]?.unit ?? 'step';
}

/**
 * A pipeline named for tests (`build-test.yaml`, `e2e.yml`, `integration-tests.yml`): what it
 * pushes are test tags for the runners, not releases, so the release rules leave it alone.
 */
/**
 * The pre-release channel a pipeline's file name is for: `nightly.yml`, `release-edge-container.yml`,
 * dozzle's `dev.yml` (branch and PR tags). Their images are not what deployments pull.
 */
export function preReleaseChannel(filePath: string | null): string | null {
  const base = (filePath ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
  const word = base
    .replace(/\.ya?ml$/i, '')
    .split(/[._-]+/)
    .find((w) => /^(nightly|nightlies|edge|canary|snapshot|snapshots|unstable|insiders|dev|develop|preview)$/i.test(w));
  return word ? word.toLowerCase() : null;
}

/**
 * A push of a pull request's preview image (homarr's `homarr-test:pr-N`, deleted when the pull
 * request closes): the step says so in its name, condition, tags or script. Deployments do not
 * pull it; the release push is where a missing scan or signature matters.
 */
export function isPreviewPush(document: DocumentModel, step: CiStep): boolean {
  const range = step.node.range;
  if (!range) return false;
  const text = document.source.text.slice(range[0], range[1]);
  // A step that also pushes branch or release tags (netbird's release.yml tags pull requests
  // pr-N and main sha-…) is a release push too.
  if (/refs\/(heads|tags)\/|\bref_name\b|\bgithub\.ref\b|\$GITHUB_REF\b|CI_COMMIT_TAG|CI_DEFAULT_BRANCH|\blatest\b/.test(text)) return false;
  return /\bpreview\b|\bpr-\$\{?|pull_request\.number|github\.event\.number|\bPR_NUMBER\b|:pr-\d|CI_MERGE_REQUEST_IID/i.test(text);
}

export function isTestPipeline(filePath: string | null): boolean {
  const base = (filePath ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
  return base
    .replace(/\.ya?ml$/i, '')
    .split(/[._-]+/)
    .some((word) => /^(test|tests|testing|e2e|integration)$/i.test(word));
}
