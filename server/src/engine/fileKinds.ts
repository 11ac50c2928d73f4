/** The kinds of file the tool understands, told apart by path (what VS Code and the CLI see). */
export type FileKind = 'dockerfile' | 'compose' | 'devcontainer' | 'github-workflow' | 'gitlab-ci' | 'dockerignore';

export function fileKindOf(path: string): FileKind | null {
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.split('/').pop() ?? '';
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(base)) return 'compose';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized)) return 'github-workflow';
  if (base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml') return 'gitlab-ci';
  if (base === '.dockerignore' || /\.(Dockerfile|Containerfile)\.dockerignore$/i.test(base) || /^(Dockerfile|Containerfile)\.dockerignore$/i.test(base)) return 'dockerignore';
  if (base === '.devcontainer.json' || (base === 'devcontainer.json' && /(^|\/)\.devcontainer\//.test(normalized))) return 'devcontainer';
  if (/\.(dockerignore|md|txt|sh|bash|ps1|py|js|ts|go|rs|json|ya?ml|toml|tmpl|template|tpl|j2|jinja2?|in|bak|orig|swp|rej|patch|diff|erb|mustache|hbs)$/i.test(base)) return null;
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(base) || /\.(Dockerfile|Containerfile)$/i.test(base)) return 'dockerfile';
  return null;
}
