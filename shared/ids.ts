/** Identifiers shared by the VS Code client, the language server and the CLI. */

/** The `source` of every diagnostic, and the tool name in reports. */
export const SOURCE = 'dockerfile-hardening';

/** Where the rule pages live; `docs/rules/<rule-id>.md` in the repository. */
export const DOCS_BASE_URL = 'https://github.com/dockerfile-hardening/dockerfile-hardening/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** The page that says what image roles are and how they are judged (docs/roles.md). */
export const ROLES_DOCS_URL = DOCS_BASE_URL.replace(/rules\/$/, 'roles.md');

/** The code action kind for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.dockerfile-hardening';

/** Commands. The client command works on the active editor; the server command takes a URI. */
export const Commands = {
  fixAll: 'dockerfileHardening.fixAll',
  showOutput: 'dockerfileHardening.showOutput',
  serverFixAll: 'dockerfile-hardening.server.fixAll',
  /** Client side, run by a code action: asks which scope to disable a rule for, then applies that edit. */
  chooseDisable: 'dockerfileHardening.chooseDisable',
} as const;

/** The argument of `Commands.chooseDisable`: the rule, and one workspace edit per scope. */
export interface DisableChoice {
  ruleId: string;
  choices: { label: string; detail: string; edit: unknown }[];
}

/** The settings section in VS Code (`dockerfileHardening.*`). */
export const SETTINGS_SECTION = 'dockerfileHardening';

/**
 * The twelve hardening groups plus `other-security`. These slugs are a public contract:
 * they appear in the CLI's JSON, in settings and in docs. Never rename one.
 */
export const GROUPS = [
  'least-privilege',
  'docker-socket',
  'secrets',
  'image-scanning',
  'multi-stage',
  'minimal-base',
  'pinning',
  'layer-cache',
  'dockerignore',
  'signing',
  'healthcheck',
  'entrypoint-cmd',
  'other-security',
] as const;

export type Group = (typeof GROUPS)[number];

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What a Dockerfile or stage is for (server/src/engine/roles.ts): a shipped service or app, a base
 * image others build on, a build-only stage, a test image, a development image, a CI or tool image.
 * Users set a file's role in the config file's `roles` or with `# hardening-role: <role>`.
 */
export const IMAGE_ROLES = ['service', 'base', 'build', 'test', 'dev', 'tool'] as const;
export type ImageRole = (typeof IMAGE_ROLES)[number];
