/**
 * The shape of a rule. One file per rule under `server/src/rules/`, each exporting a
 * `defineRule({ meta, check })`; `server/src/rules/index.ts` lists them all explicitly.
 */
import type { BuildContext } from './buildContext';
import type { DocumentModel } from './documents/documentModel';
import type { DocumentKind, FileKind } from './fileKinds';

export type { DocumentKind };
import type { DockerfileModel } from './dockerfile/model';
import type { BaseImageUpdates, ImageRole } from './roles';
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
  /**
   * What the rule's edits may be (DESIGN.md's fix applicability): `safe` fixes go in a report's
   * `fix` slot and are applied by `--fix` and fix-all; `suggestion`s go in `suggestions` and are
   * only offered. None: guidance only (the docs page and the hover). The linter drops, and
   * reports as an internal error, any edit a rule offers beyond what it declares.
   */
  applicability: readonly Applicability[];
  /** When the applicability depends on the input, how (the docs page's header says it). */
  applicabilityNote?: string;
  /** When the severity depends on the finding, how (the docs page's header says it). */
  severityNote?: string;
  /** Equivalent rules of other tools, for docs and for honouring their suppressions. */
  peers?: PeerRules;
  /**
   * Off unless the user's config or settings give the rule (or its group) a severity: for checks
   * some teams want and most find noise (pinning distribution packages). `severity` is what it
   * reports at once turned on.
   */
  offByDefault?: boolean;
  /**
   * What the rule does on Dockerfile stages that do not ship as a service (roles.ts): a lower
   * severity, or off. Roles not listed get the rule's severity. The linter applies it to each
   * finding by the stage it is in, so a rule need not know about roles.
   */
  roles?: Partial<Record<Exclude<ImageRole, 'service'>, Severity | 'off'>>;
}

export type Applicability = 'safe' | 'suggestion';

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
  /**
   * The finding matters only in an image that ships (a service, or a base image others build
   * on): the linter drops it in build-only, test, dev and tool stages, whatever `meta.roles` says
   * for the rule's other findings.
   */
  shippedOnly?: boolean;
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
  /** Base images the repository builds itself, by repository name (`org/base`): no registry tag to pin. */
  readonly builtHere: ReadonlySet<string>;
  /** A compose service that runs this image by name with its own health check, or null. */
  readonly composeHealthcheck: { service: string; declaredIn: string } | null;
  /** For a base image the repository builds: the image its Dockerfile builds FROM, or null. */
  builtHereFrom(name: string): string | null;
  /** The bot that moves the repository's base image tags (Dependabot, Renovate), 'none', or null when the repository is not known. */
  readonly baseImageUpdates: BaseImageUpdates | null;
  report(descriptor: ReportDescriptor): void;
}

export interface DocumentContext {
  readonly document: DocumentModel;
  readonly filePath: string | null;
  /** For an ignore file: the build context it belongs to (its folder), when the caller listed it. */
  readonly buildContext: BuildContext | null;
  report(descriptor: ReportDescriptor): void;
}

/** How a rule reports in a document: the type its per-kind helpers take. */
export type Report = (descriptor: ReportDescriptor) => void;

export type DocumentCheck = (context: DocumentContext) => void;

/**
 * A rule reads the kinds of file it has a check for: `check` for Dockerfiles, one entry of
 * `documents` per other kind. The kinds a rule reads are those keys, so there is no list to
 * keep in step with the code, and no check has to ask which kind of file it was given.
 */
export interface Rule {
  meta: RuleMeta;
  /** Checks a Dockerfile; absent for rules that read other files only. */
  check?(context: RuleContext): void;
  /** Checks for compose files, dev containers, CI pipelines, manifests and ignore files, by kind. */
  documents?: Partial<Record<DocumentKind, DocumentCheck>>;
}

/** The kinds of file the rule reads. */
export function ruleKinds(rule: Rule): FileKind[] {
  return [...(rule.check ? (['dockerfile'] as const) : []), ...(Object.keys(rule.documents ?? {}) as DocumentKind[])];
}

/** One check for several kinds (the CI systems, read through one step model). */
export function forKinds(kinds: readonly DocumentKind[], check: DocumentCheck): Partial<Record<DocumentKind, DocumentCheck>> {
  return Object.fromEntries(kinds.map((kind) => [kind, check]));
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
