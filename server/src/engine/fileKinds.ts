/**
 * Which kind of file a path is, told apart by path (what VS Code and the CLI see). The kinds
 * and their globs, comment syntax and languages are in shared/fileKinds.ts.
 */
import type { FileKind } from '../../../shared/fileKinds';

export type { FileKind };

/** Every kind but the Dockerfile: the files rules read as documents. */
export type DocumentKind = Exclude<FileKind, 'dockerfile'>;

/** CI pipelines the tool reads for image builds, scans and signatures. */
export const CI_KINDS: readonly DocumentKind[] = ['github-workflow', 'gitlab-ci', 'azure-pipelines', 'circleci', 'bitbucket-pipelines', 'jenkinsfile'];

/** Folders whose YAML files are taken for Kubernetes manifests (Helm templates excluded: not YAML until rendered). */
const KUBERNETES_FOLDER = /(^|\/)(k8s|kubernetes|kube|manifests|deploy|deployments?|kustomize)\//i;

export function fileKindOf(path: string): FileKind | null {
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.split('/').pop() ?? '';
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(base)) return 'compose';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized)) return 'github-workflow';
  if (base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml') return 'gitlab-ci';
  if (/^azure-pipelines([.-][\w.-]+)?\.ya?ml$/i.test(base) || /(^|\/)\.azure-pipelines\/[^/]+\.ya?ml$/i.test(normalized)) return 'azure-pipelines';
  if (/(^|\/)\.circleci\/config\.ya?ml$/i.test(normalized)) return 'circleci';
  if (base === 'bitbucket-pipelines.yml' || base === 'bitbucket-pipelines.yaml') return 'bitbucket-pipelines';
  if (/^Jenkinsfile([.-][\w.-]+)?$/.test(base) || /\.Jenkinsfile$/.test(base)) return 'jenkinsfile';
  if (/\.ya?ml$/i.test(base) && KUBERNETES_FOLDER.test(normalized) && !/(^|\/)templates\//.test(normalized) && !/(^|\/)\.github\//.test(normalized)) return 'kubernetes';
  if (base === '.dockerignore' || /\.(Dockerfile|Containerfile)\.dockerignore$/i.test(base) || /^(Dockerfile|Containerfile)\.dockerignore$/i.test(base)) return 'dockerignore';
  if (base === '.devcontainer.json' || (base === 'devcontainer.json' && /(^|\/)\.devcontainer\//.test(normalized))) return 'devcontainer';
  if (/\.(dockerignore|md|txt|sh|bash|ps1|py|js|ts|go|rs|json|ya?ml|toml|tmpl|template|tpl|j2|jinja2?|in|bak|orig|swp|rej|patch|diff|erb|mustache|hbs)$/i.test(base)) return null;
  // `Dockerfile.prod`, and `Dockerfile-Alpine` / `Dockerfile_dev` as many repositories name them (FreshRSS's published Alpine image).
  if (/^(Dockerfile|Containerfile)([._-].+)?$/i.test(base) || /\.(Dockerfile|Containerfile)$/i.test(base)) return 'dockerfile';
  return null;
}
