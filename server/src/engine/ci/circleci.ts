/** CI steps of CircleCI (best effort). */
import { isMap, isPair, isSeq, type Pair } from 'yaml';
import { yamlGet, yamlText, type DocumentModel } from '../documents/documentModel';
import { analyseScript, emptyStep, mergeFlags, type CiStep } from './step';

/** CircleCI: `run` steps (a string or `command:`), and orb commands such as docker/publish. */
export function circleSteps(document: DocumentModel): CiStep[] {
  const steps: CiStep[] = [];
  const jobs = yamlGet(document.yaml?.contents, 'jobs');
  if (!isMap(jobs)) return steps;
  for (const job of jobs.items as Pair<unknown, unknown>[]) {
    const list = yamlGet(job.value, 'steps');
    if (!isSeq(list)) continue;
    const name = String((job.key as { value?: unknown })?.value ?? '');
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const first = item.items[0];
      const key = isPair(first) ? String((first.key as { value?: unknown })?.value ?? '') : '';
      const value = isPair(first) ? first.value : null;
      // Report on a `run` step's command, or on an orb command's name (`docker/publish:`).
      const anchor = key === 'run' ? value : isPair(first) ? first.key : null;
      const step = emptyStep(name, item, anchor ?? item);
      if (key === 'run') {
        const command = yamlText(value) ?? yamlText(yamlGet(value, 'command'));
        if (command) Object.assign(step, mergeFlags(step, analyseScript(command)));
      }
      const orb = key.includes('/') ? key.split('/')[1] : '';
      if (/^(build|build[-_]image|build[-_]and[-_]push[-_]image|publish)$/.test(orb)) step.builds = true;
      if (/^(publish|push[-_]image|build[-_]and[-_]push[-_]image)$/.test(orb)) step.pushes = true;
      if (/^(snyk|anchore|aqua|trivy|grype)/.test(key) && orb !== '') step.scans = true;
      if (/^(cosign|sigstore)/.test(key) && orb !== '') step.signs = true;
      steps.push(step);
    }
  }
  return steps;
}
