/** GitHub Actions: each job's steps, by the actions they use and their `run:` scripts. */
import { isMap, isPair, isSeq, type Pair } from 'yaml';
import { yamlGet, yamlText, type DocumentModel } from '../documents/documentModel';
import { analyseScript, BUILD_ACTIONS, emptyStep, mergeFlags, PUSH_ACTIONS, SCAN_ACTIONS, SIGN_ACTIONS, type CiStep } from './step';

export function githubSteps(document: DocumentModel): CiStep[] {
  const jobs = yamlGet(document.yaml?.contents, 'jobs');
  const units: { job: string; node: unknown }[] = [];
  if (isMap(jobs))
    for (const pair of jobs.items as Pair<unknown, unknown>[]) if (isPair(pair) && isMap(pair.value)) units.push({ job: String((pair.key as { value?: unknown })?.value ?? ''), node: pair.value });
  // A composite action (`.github/actions/<name>/action.yml`): its `runs.steps` are steps as a job's are.
  const runs = yamlGet(document.yaml?.contents, 'runs');
  if (isMap(runs) && yamlText(yamlGet(runs, 'using')) === 'composite') units.push({ job: 'runs', node: runs });
  const steps: CiStep[] = [];
  for (const { job, node } of units) {
    const list = yamlGet(node, 'steps');
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const uses = yamlText(yamlGet(item, 'uses'));
      const run = yamlText(yamlGet(item, 'run'));
      const step: CiStep = { ...emptyStep(job, node as CiStep['jobNode'], yamlGet(item, 'uses') ?? yamlGet(item, 'run') ?? item), node: item, id: yamlText(yamlGet(item, 'id')) };
      if (uses) {
        const withs = yamlGet(item, 'with');
        // `outputs: type=cacheonly` builds to fill the cache: no image comes out to scan or sign.
        const cacheOnly = /type=cacheonly/.test(yamlText(yamlGet(withs, 'outputs')) ?? '');
        if (BUILD_ACTIONS.test(uses) && !cacheOnly) {
          step.builds = true;
          step.usesBuildPushAction = /^docker\/build-push-action@/i.test(uses);
          // `push: true`, a conditional `push: ${{ … }}`, or `outputs: type=image,…,push=true`.
          const push = yamlText(yamlGet(withs, 'push'));
          const outputs = yamlText(yamlGet(withs, 'outputs')) ?? '';
          if (push === 'true' || (push?.includes('${{') ?? false) || /push=true/.test(outputs) || PUSH_ACTIONS.test(uses)) step.pushes = true;
          const tags = yamlText(yamlGet(withs, 'tags'));
          step.image = tags
            ? (tags
                .split(/[,\n]+/)
                .map((t) => t.trim())
                .filter(Boolean)[0] ?? null)
            : null;
        }
        if (PUSH_ACTIONS.test(uses)) step.pushes = true;
        if (SCAN_ACTIONS.test(uses)) step.scans = true;
        if (SIGN_ACTIONS.test(uses)) step.signs = true;
      }
      if (run) Object.assign(step, mergeFlags(step, analyseScript(run)));
      const env = yamlGet(item, 'env');
      if (yamlText(yamlGet(env, 'DOCKER_CONTENT_TRUST')) === '1') step.signs = true;
      steps.push(step);
    }
  }
  return steps;
}
