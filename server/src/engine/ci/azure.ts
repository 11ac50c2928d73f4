/** CI steps of Azure Pipelines (best effort). */
import { isMap, isSeq } from 'yaml';
import { yamlGet, yamlText, type DocumentModel } from '../documents/documentModel';
import { analyseScript, emptyStep, mapsWithKey, mergeFlags, type CiStep } from './step';

const AZURE_SCAN_TASKS = /^(trivy|AquaSecurity|SnykSecurityScan|ContainerScan|PrismaCloudComputeScan|anchore)/i;

/** Azure Pipelines: `script`/`bash`/`pwsh` steps and the Docker@2 task (build, push, buildAndPush). */
export function azureSteps(document: DocumentModel): CiStep[] {
  const steps: CiStep[] = [];
  for (const holder of mapsWithKey(document.yaml?.contents, 'steps')) {
    const list = yamlGet(holder, 'steps');
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const scriptKey = ['script', 'bash', 'pwsh', 'powershell'].find((k) => yamlText(yamlGet(item, k)) !== null);
      const task = yamlText(yamlGet(item, 'task'));
      const step = emptyStep('', item, yamlGet(item, scriptKey ?? 'task') ?? item);
      if (scriptKey) Object.assign(step, mergeFlags(step, analyseScript(yamlText(yamlGet(item, scriptKey)) ?? '')));
      if (task && /^Docker@\d/i.test(task)) {
        const inputs = yamlGet(item, 'inputs');
        const command = (yamlText(yamlGet(inputs, 'command')) ?? 'buildAndPush').toLowerCase();
        if (command === 'build' || command === 'buildandpush') step.builds = true;
        if (command === 'push' || command === 'buildandpush') step.pushes = true;
        step.image = yamlText(yamlGet(inputs, 'repository'));
      }
      if (task && AZURE_SCAN_TASKS.test(task)) step.scans = true;
      if (yamlText(yamlGet(yamlGet(item, 'env'), 'DOCKER_CONTENT_TRUST')) === '1') step.signs = true;
      steps.push(step);
    }
  }
  return steps;
}
