/** CI steps of Bitbucket Pipelines (best effort). */
import { isMap, isSeq } from 'yaml';
import { yamlGet, yamlText, type DocumentModel } from '../documents/documentModel';
import { analyseScript, emptyStep, mapsWithKey, mergeFlags, type CiStep } from './step';

/** Bitbucket Pipelines: each `step`'s script lines and the pipes it uses. */
export function bitbucketSteps(document: DocumentModel): CiStep[] {
  const steps: CiStep[] = [];
  for (const holder of mapsWithKey(document.yaml?.contents, 'step')) {
    const item = yamlGet(holder, 'step');
    if (!isMap(item)) continue;
    const script = yamlGet(item, 'script');
    const step = emptyStep(yamlText(yamlGet(item, 'name')) ?? '', item, script ?? item);
    if (isSeq(script)) {
      const lines: string[] = [];
      for (const line of script.items) {
        const pipe = yamlText(yamlGet(line, 'pipe'));
        if (pipe) {
          if (/(trivy|snyk|anchore|aqua|grype)/i.test(pipe)) step.scans = true;
          if (/(push-image|ecr-push|docker-push|gcr-push|acr-push)/i.test(pipe)) step.pushes = step.builds = true;
          if (/(cosign|notation)/i.test(pipe)) step.signs = true;
        } else lines.push(yamlText(line) ?? '');
      }
      Object.assign(step, mergeFlags(step, analyseScript(lines.join('\n'))));
    }
    steps.push(step);
  }
  return steps;
}
