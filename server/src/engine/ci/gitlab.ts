/** GitLab CI: each job (top-level keys that are not keywords or hidden templates) and its script. */
import { isMap, isSeq, type Pair, type YAMLMap } from 'yaml';
import { yamlGet, yamlText, type DocumentModel } from '../documents/documentModel';
import { analyseScript, emptyStep, mergeFlags, type CiStep } from './step';

const GITLAB_KEYWORDS = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'before_script', 'after_script', 'cache', 'spec']);

/** A top-level key of .gitlab-ci.yml that is a job (not a keyword, not a hidden `.template`). */
export function isGitlabJob(pair: Pair<unknown, unknown>): pair is Pair<unknown, unknown> & { value: YAMLMap } {
  const name = String((pair.key as { value?: unknown })?.value ?? '');
  return isMap(pair.value) && !GITLAB_KEYWORDS.has(name) && !name.startsWith('.');
}

/** A GitLab job's `script:` (a list or one string) as one shell text. */
export function gitlabScriptText(job: YAMLMap): string {
  const script = yamlGet(job, 'script');
  return isSeq(script) ? script.items.map((i) => yamlText(i) ?? '').join('\n') : (yamlText(script) ?? '');
}

export function gitlabJobs(document: DocumentModel): CiStep[] {
  const root = document.yaml?.contents;
  if (!isMap(root)) return [];
  const jobs: CiStep[] = [];
  for (const pair of root.items as Pair<unknown, unknown>[]) {
    if (!isGitlabJob(pair)) continue;
    const name = String((pair.key as { value?: unknown })?.value ?? '');
    const node = pair.value;
    const script = yamlGet(node, 'script');
    const lines = gitlabScriptText(node);
    const step = emptyStep(name, node, script ?? node);
    Object.assign(step, mergeFlags(step, analyseScript(lines)));
    const image = yamlText(yamlGet(node, 'image')) ?? yamlText(yamlGet(yamlGet(node, 'image'), 'name'));
    if (image && /kaniko-project\/executor|kaniko/.test(image) && /destination/.test(lines)) step.pushes = step.builds = true;
    if (image && /(trivy|grype|snyk|clair)/i.test(image)) step.scans = true;
    if (image && /cosign|notation/i.test(image)) step.signs = true;
    jobs.push(step);
  }
  return jobs;
}

/** GitLab's own scanners, switched on by including a template. */
export function gitlabIncludesScanning(document: DocumentModel): boolean {
  return /template:\s*['"]?(Jobs\/)?(Container-Scanning|Security\/Container-Scanning)/i.test(document.source.text) || /container_scanning:/.test(document.source.text);
}
