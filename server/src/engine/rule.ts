/**
 * The shape of a rule. One file per rule under `server/src/rules/`, each exporting a
 * `defineRule({ meta, check })`; `server/src/rules/index.ts` lists them all explicitly.
 */
import type { BuildContext } from './buildContext';
import type { DocumentModel } from './documentModel';
import type { FileKind } from './fileKinds';
import type { DockerfileModel } from './model';
import type { DiagnosticTag, Fix, Group, Range, Severity } from './types';

export interface PeerRules {
  hadolint?: string[];
  trivy?: string[];
  checkov?: string[];
  buildkit?: string[];
}

export interface RuleMeta {
  /** Permanent, kebab-case; also the docs page name (`docs/rules/<id>.md`). */
  id: string;
  group: Group;
  /** One line: what the rule checks. */
  description: string;
  severity: Severity;
  /** Message templates by id, with `{{placeholders}}`. */
  messages: Record<string, string>;
  /** What kind of fix the rule offers: applied by fix-all (`safe`), only offered, both, or none. */
  fix: 'safe' | 'suggestion' | 'mixed' | 'none';
  /** Equivalent rules of other tools, for docs and for honouring their suppressions. */
  peers?: PeerRules;
  /** The kinds of file the rule reads (default: Dockerfiles only). */
  kinds?: FileKind[];
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  range: Range;
  fix?: Fix;
  suggestions?: Fix[];
  tags?: DiagnosticTag[];
  /**
   * A lower default severity for a judgement call within the rule. A user's override for the
   * rule still wins.
   */
  severity?: Severity;
}

export interface RuleContext {
  readonly model: DockerfileModel;
  /** Where the file is (forward slashes), when known. */
  readonly filePath: string | null;
  readonly now: Date;
  /** Registries base images may come from, when a config file restricts them. */
  readonly trustedRegistries: readonly string[] | null;
  /** The build context, when the caller listed it (null for a Dockerfile seen alone). */
  readonly buildContext: BuildContext | null;
  report(descriptor: ReportDescriptor): void;
}

export interface DocumentContext {
  readonly document: DocumentModel;
  readonly filePath: string | null;
  /** For an ignore file: the build context it belongs to (its folder), when the caller listed it. */
  readonly buildContext: BuildContext | null;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Checks a Dockerfile (rules whose kinds include 'dockerfile'). */
  check(context: RuleContext): void;
  /** Checks a compose file or devcontainer.json (rules whose kinds include them). */
  checkDocument?(context: DocumentContext): void;
}

export function ruleKinds(rule: Rule): FileKind[] {
  return rule.meta.kinds ?? ['dockerfile'];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Dev-container Dockerfiles are development environments: toolchains and full images are their point. */
export function isDevContainer(filePath: string | null): boolean {
  return !!filePath && /(^|[\\/])\.devcontainer[\\/]/.test(filePath);
}
