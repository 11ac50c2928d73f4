/**
 * The kinds of file the tool understands: one table for everything that needs to know them.
 * The engine's classifier (server/src/engine/fileKinds.ts) decides a path's kind; the client's
 * watchers and document selector, package.json's activation events and the suppression comments
 * come from here, and test/shared/fileKinds.test.ts checks package.json and the pre-commit hooks
 * against it.
 */

export type FileKind =
  'dockerfile' | 'compose' | 'devcontainer' | 'github-workflow' | 'gitlab-ci' | 'azure-pipelines' | 'circleci' | 'bitbucket-pipelines' | 'jenkinsfile' | 'kubernetes' | 'dockerignore';

export interface FileKindInfo {
  kind: FileKind;
  /**
   * Where such files are, as VS Code globs (braces allowed). They may match a little more than
   * the kind (`Dockerfile.md`): the classifier has the last word.
   */
  globs: readonly string[];
  /** The language the extension contributes for it, when it opens in one. */
  language?: 'dockerfile' | 'dockerignore';
  /** How a line comment starts, for suppression comments. */
  comment: '#' | '//';
  /** What one suppression comment covers, as the "Disable … for this …" action says it. */
  unit: 'instruction' | 'line';
}

export const FILE_KINDS: readonly FileKindInfo[] = [
  {
    kind: 'dockerfile',
    globs: ['**/{Dockerfile,Containerfile}', '**/{Dockerfile,Containerfile}.*', '**/{Dockerfile,Containerfile}-*', '**/{Dockerfile,Containerfile}_*', '**/*.{Dockerfile,Containerfile,dockerfile}'],
    language: 'dockerfile',
    comment: '#',
    unit: 'instruction',
  },
  { kind: 'compose', globs: ['**/{docker-compose,compose}*.{yml,yaml}'], comment: '#', unit: 'line' },
  { kind: 'devcontainer', globs: ['**/.devcontainer/**/devcontainer.json', '**/.devcontainer.json'], comment: '//', unit: 'line' },
  { kind: 'github-workflow', globs: ['**/.github/workflows/*.{yml,yaml}'], comment: '#', unit: 'line' },
  { kind: 'gitlab-ci', globs: ['**/.gitlab-ci.{yml,yaml}'], comment: '#', unit: 'line' },
  { kind: 'azure-pipelines', globs: ['**/azure-pipelines*.{yml,yaml}', '**/.azure-pipelines/*.{yml,yaml}'], comment: '#', unit: 'line' },
  { kind: 'circleci', globs: ['**/.circleci/config.{yml,yaml}'], comment: '#', unit: 'line' },
  { kind: 'bitbucket-pipelines', globs: ['**/bitbucket-pipelines.{yml,yaml}'], comment: '#', unit: 'line' },
  { kind: 'jenkinsfile', globs: ['**/{Jenkinsfile,Jenkinsfile.*,*.Jenkinsfile}'], comment: '//', unit: 'line' },
  // YAML under the usual manifest folders; the server checks that they are Kubernetes objects.
  { kind: 'kubernetes', globs: ['**/{k8s,kubernetes,kube,manifests,deploy,deployment,deployments,kustomize}/**/*.{yml,yaml}'], comment: '#', unit: 'line' },
  { kind: 'dockerignore', globs: ['**/.dockerignore', '**/*.dockerignore'], language: 'dockerignore', comment: '#', unit: 'line' },
];

export function fileKindInfo(kind: FileKind): FileKindInfo {
  return FILE_KINDS.find((k) => k.kind === kind)!;
}

/** Files that change how others are judged (project config, hadolint's): watched, never linted. */
export const CONFIG_GLOBS: readonly string[] = ['**/{.dockerfile-hardening.json,.hadolint.yaml,.hadolint.yml}'];

/** package.json's activation events: the languages, then a workspace containing any kind. */
export function activationEvents(): string[] {
  const languages = [...new Set(FILE_KINDS.flatMap((k) => (k.language ? [`onLanguage:${k.language}`] : [])))];
  return [...languages, ...FILE_KINDS.flatMap((k) => k.globs.map((glob) => `workspaceContains:${glob}`))];
}
