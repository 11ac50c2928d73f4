/**
 * Kubernetes manifests: the objects of a (multi-document) YAML file, and the pod specs inside
 * them, wherever the workload kind keeps them (Pod: spec; Deployment, DaemonSet, StatefulSet,
 * ReplicaSet, Job: spec.template.spec; CronJob: spec.jobTemplate.spec.template.spec).
 */
import { isMap, type YAMLMap } from 'yaml';
import { yamlGet, yamlText, type DocumentModel } from './documentModel';

export interface KubernetesObject {
  kind: string;
  name: string;
  node: YAMLMap;
}

/** Maps with `apiVersion` and `kind`; a `List`'s items count too. */
export function kubernetesObjects(document: DocumentModel): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  const visit = (node: unknown) => {
    if (!isMap(node)) return;
    const kind = yamlText(yamlGet(node, 'kind'));
    if (!kind || !yamlText(yamlGet(node, 'apiVersion'))) return;
    if (kind.endsWith('List')) {
      const items = yamlGet(node, 'items') as { items?: unknown[] } | undefined;
      for (const item of items?.items ?? []) visit(item);
      return;
    }
    objects.push({ kind, name: yamlText(yamlGet(yamlGet(node, 'metadata'), 'name')) ?? '(unnamed)', node });
  };
  for (const doc of document.yamlDocuments) visit(doc.contents);
  return objects;
}

export function podSpecs(object: YAMLMap): YAMLMap[] {
  const kind = yamlText(yamlGet(object, 'kind'));
  const spec = yamlGet(object, 'spec');
  const paths: Record<string, string[]> = { Pod: [], CronJob: ['jobTemplate', 'spec', 'template', 'spec'] };
  const path = kind && kind in paths ? paths[kind] : ['template', 'spec'];
  let node: unknown = spec;
  for (const key of path) node = yamlGet(node, key);
  return isMap(node) ? [node] : [];
}
