/**
 * The engine's entry point: text in, findings (with their fixes) out. Pure: no I/O,
 * no globals beyond the shell parser, which must have been initialised (`initEngine`).
 */
import type { SeverityOverride } from '../../../shared/settings';
import { withholdShellBreakingFixes } from './edits/shellGuard';
import { initShellParser } from '../shell/parser';
import type { ParseCache } from './dockerfile/chunkedParse';
import { buildModel, type DockerfileModel, type Stage } from './dockerfile/model';
import { documentRole, stageAtLine, stageRoles, type ImageRole, type RoleFacts, type RoleJudgement } from './roles';
import type { BuildContext } from './buildContext';
import { buildDocumentModel, type DocumentModel } from './documents/documentModel';
import { fileKindOf, type DocumentKind, type FileKind } from './fileKinds';
import { formatMessage, type Report, type ReportDescriptor, type Rule } from './rule';
import { overriddenSeverity, severityAtLeast, type EffectiveSeverity } from './severity';
import { createPeerTable, type PeerTable } from './peerIds';
import { collectDocumentSuppressions, collectSuppressions, type Suppressions } from './suppressions';
import { comparePositions } from './sourceText';
import type { Finding, Severity } from './types';

export interface LintOptions {
  severityOverrides?: readonly SeverityOverride[];
  /** Run only these rules (a subset of the linter's, or others: the RuleTester runs one). */
  rules?: readonly Rule[];
  /** The file's path, for rules that depend on where a Dockerfile lives (dev containers). */
  filePath?: string;
  /** Today, for end-of-life dates; tests fix it, everything else uses the clock. */
  now?: Date;
  /** Registries base images may come from (from a config file); null or absent: any. */
  trustedRegistries?: readonly string[] | null;
  /**
   * The Dockerfile's build context, when the caller can list it (CLI, server). A function is
   * called only if a rule asks (listing a context and finding its declarations costs I/O).
   */
  buildContext?: BuildContext | null | (() => BuildContext | null);
  /** Pieces of earlier parses to reuse (the editor, while typing). */
  parseCache?: ParseCache;
  /**
   * What the repository says about the Dockerfile's role (roles.ts): its path from the repository
   * root, the config's word, the builds declared for it, the Dockerfiles built FROM it. A function
   * is called once, when the Dockerfile is linted.
   */
  roleFacts?: RoleFacts | null | (() => RoleFacts | null);
}

export interface LintResult {
  findings: Finding[];
  /** For compose and devcontainer files: parse errors (the file is checked as far as it parses). */
  syntaxErrors?: { message: string; range: import('./types').Range }[];
  /** Rules that threw: reported, never fatal, so one bug cannot hide every other finding. */
  internalErrors: string[];
  model: DockerfileModel | null;
  /** For Dockerfiles: each stage's role, as the findings were judged (the editor's hover shows it). */
  roles?: Map<Stage, RoleJudgement>;
}

export function initEngine(wasmDir?: string): Promise<void> {
  return initShellParser(wasmDir);
}

/**
 * The engine bound to a rule set. The engine imports no rule: the product's list is bound once,
 * in server/src/defaultLinter.ts (the composition root the server, the CLI and the tests use),
 * and a test can run the engine with any rules of its own.
 */
export interface Linter {
  readonly rules: readonly Rule[];
  /** Other tools' rule ids for these rules (suppression comments, .hadolint.yaml). */
  readonly peers: PeerTable;
  lintDockerfile(text: string, options?: LintOptions): LintResult;
  /** Compose files, devcontainer.json, CI pipelines, ignore files… */
  lintDocument(kind: DocumentKind, text: string, options?: LintOptions): LintResult;
  /** Any file the tool understands, by its path; unknown names are read as Dockerfiles. */
  lintFile(path: string | null, text: string, options?: LintOptions): LintResult & { kind: FileKind };
}

export function createLinter(rules: readonly Rule[]): Linter {
  const peers = createPeerTable(rules);
  const linter: Linter = {
    rules,
    peers,
    lintDockerfile: (text, options = {}) => lintDockerfile(rules, peers, text, options),
    lintDocument: (kind, text, options = {}) => lintDocument(rules, peers, kind, text, options),
    lintFile: (path, text, options = {}) => {
      const kind = (path ? fileKindOf(path) : null) ?? 'dockerfile';
      const withPath = { ...options, filePath: options.filePath ?? path ?? undefined };
      return { ...(kind === 'dockerfile' ? linter.lintDockerfile(text, withPath) : linter.lintDocument(kind, text, withPath)), kind };
    },
  };
  return linter;
}

function lintDockerfile(rules: readonly Rule[], peers: PeerTable, text: string, options: LintOptions): LintResult {
  let model: DockerfileModel;
  try {
    model = buildModel(text, options.parseCache);
  } catch (error) {
    return { findings: [], internalErrors: [`parser: ${describe(error)}`], model: null };
  }
  const buildContext = lazyBuildContext(options);
  const facts = lazyRoleFacts(options);
  const roles = lazyStageRoles(model, facts, options);
  let builtHere: ReadonlySet<string> | undefined;
  const { findings, internalErrors } = runRules(
    options.rules ?? rules,
    options,
    collectSuppressions(model, peers),
    (rule, report) =>
      rule.check?.({
        model,
        filePath: options.filePath ?? null,
        now: options.now ?? new Date(),
        trustedRegistries: options.trustedRegistries ?? null,
        get buildContext() {
          return buildContext();
        },
        get builtHere() {
          return (builtHere ??= new Set(facts()?.builtHere ?? []));
        },
        get baseImageUpdates() {
          return facts()?.baseImageUpdates ?? null;
        },
        get composeHealthcheck() {
          return facts()?.composeHealthcheck ?? null;
        },
        builtHereFrom(name: string) {
          return facts()?.builtHereFrom?.[name] ?? null;
        },
        report,
      }),
    (rule, finding, descriptor) => judgedByRole(rule, finding, descriptor, model, roles()),
  );
  return { findings: withholdShellBreakingFixes(model, findings, options.parseCache), internalErrors, model, roles: roles() };
}

function lintDocument(rules: readonly Rule[], peers: PeerTable, kind: DocumentKind, text: string, options: LintOptions): LintResult {
  let document: DocumentModel;
  try {
    document = buildDocumentModel(kind, text);
  } catch (error) {
    return { findings: [], internalErrors: [`parser: ${describe(error)}`], model: null };
  }
  const buildContext = lazyBuildContext(options);
  let role: RoleJudgement | null | undefined;
  const { findings, internalErrors } = runRules(
    options.rules ?? rules,
    options,
    collectDocumentSuppressions(document, peers),
    (rule, report) =>
      rule.documents?.[kind]?.({
        document,
        filePath: options.filePath ?? null,
        get buildContext() {
          return buildContext();
        },
        report,
      }),
    (rule, finding, descriptor) => {
      role ??= documentRole(kind, options.filePath ?? null, lazyRoleFacts(options)(), document);
      return role ? judgedAs(rule, finding, role, descriptor) : finding;
    },
  );
  return { findings, internalErrors, model: null, syntaxErrors: document.syntaxErrors };
}

/**
 * The one rule loop, for every kind of file: each rule the user has not turned off is called
 * through `invoke` (which calls the rule's check for this kind, if it has one); its reports pass
 * the suppressions and the declared-edits check; a rule that throws is an internal error, never
 * fatal, so one bug cannot hide every other finding.
 */
function runRules(
  rules: readonly Rule[],
  options: LintOptions,
  suppressions: Suppressions,
  invoke: (rule: Rule, report: Report) => void,
  judge: (rule: Rule, finding: Finding, descriptor: ReportDescriptor) => Finding | null = (_rule, finding) => finding,
): { findings: Finding[]; internalErrors: string[] } {
  const overrides = options.severityOverrides ?? [];
  const findings: Finding[] = [];
  const internalErrors: string[] = [];
  for (const rule of rules) {
    const override = overriddenSeverity(rule.meta, overrides);
    if (override === 'off' || (override === undefined && rule.meta.offByDefault)) continue;
    try {
      invoke(rule, (descriptor) => {
        if (suppressions.isSuppressed(rule.meta, descriptor.range.start.line)) return;
        const finding = judge(rule, toFinding(rule, declaredOnly(rule, descriptor, internalErrors), override), descriptor);
        if (finding) findings.push(finding);
      });
    } catch (error) {
      internalErrors.push(`${rule.meta.id}: ${describe(error)}`);
    }
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return { findings, internalErrors };
}

/**
 * The report with only the edits the rule's metadata declares: a safe fix from a rule that
 * declares suggestions only would be applied by fix-all unproven. What goes is an internal error,
 * so the rule's tests fail and users still get the finding.
 */
function declaredOnly(rule: Rule, descriptor: ReportDescriptor, internalErrors: string[]): ReportDescriptor {
  const declared = rule.meta.applicability;
  const strayFix = descriptor.fix && !declared.includes('safe');
  const straySuggestions = (descriptor.suggestions?.length ?? 0) > 0 && !declared.includes('suggestion');
  if (!strayFix && !straySuggestions) return descriptor;
  if (strayFix) internalErrors.push(`${rule.meta.id}: offered a safe fix ("${descriptor.fix!.title}") but declares ${declared.join(' and ') || 'no edits'}`);
  if (straySuggestions) internalErrors.push(`${rule.meta.id}: offered a suggestion ("${descriptor.suggestions![0].title}") but declares ${declared.join(' and ') || 'no edits'}`);
  return { ...descriptor, fix: strayFix ? undefined : descriptor.fix, suggestions: straySuggestions ? [] : descriptor.suggestions };
}

/** A rule's report as a finding: the message filled in, the user's severity (else the report's, else the rule's). */
function toFinding(rule: Rule, descriptor: ReportDescriptor, override: Severity | undefined): Finding {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${descriptor.messageId}"`);
  return {
    ruleId: rule.meta.id,
    group: rule.meta.group,
    severity: override ?? descriptor.severity ?? rule.meta.severity,
    messageId: descriptor.messageId,
    message: formatMessage(template, descriptor.data),
    range: descriptor.range,
    ...(descriptor.fix ? { fix: descriptor.fix } : {}),
    ...(descriptor.suggestions?.length ? { suggestions: descriptor.suggestions } : {}),
    ...(descriptor.tags?.length ? { tags: descriptor.tags } : {}),
  };
}

/** Every stage's role, judged at most once per lint (the result carries them for hovers and the JSON). */
function lazyStageRoles(model: DockerfileModel, facts: () => RoleFacts | null, options: LintOptions): () => Map<Stage, RoleJudgement> {
  let value: Map<Stage, RoleJudgement> | undefined;
  return () => (value ??= stageRoles(model, options.filePath ?? null, facts()));
}

/** The repository's facts, gathered at most once per lint. */
function lazyRoleFacts(options: LintOptions): () => RoleFacts | null {
  let value: RoleFacts | null | undefined;
  return () => {
    if (value === undefined) value = typeof options.roleFacts === 'function' ? options.roleFacts() : (options.roleFacts ?? null);
    return value;
  };
}

/**
 * A finding as the role of its stage has it: what the rule declares for that role (off, or a lower
 * severity) applies, and the finding says which role it was judged in and why.
 */
function judgedByRole(rule: Rule, finding: Finding, descriptor: ReportDescriptor, model: DockerfileModel, roles: Map<Stage, RoleJudgement>): Finding | null {
  const stage = stageAtLine(model, finding.range.start.line);
  const judgement = stage ? roles.get(stage) : undefined;
  return judgement ? judgedAs(rule, finding, judgement, descriptor) : finding;
}

/**
 * What the rule declares for the role (off, or a lower severity), and the role said on the
 * finding. A report marked `shippedOnly` goes where nothing ships (build, test, dev, tool).
 */
function judgedAs(rule: Rule, finding: Finding, judgement: RoleJudgement, descriptor: ReportDescriptor): Finding | null {
  if (descriptor.shippedOnly && judgement.role !== 'service' && judgement.role !== 'base') return null;
  let severity = severityFor(rule, judgement.role, finding.severity);
  // A builder of test or dev images only: no more than the loudest of the images it feeds.
  if (severity !== 'off' && judgement.feeds) {
    const fed = judgement.feeds.map((role) => severityFor(rule, role, finding.severity));
    const loudest = fed.reduce((a, b) => (a === 'off' ? b : b === 'off' ? a : severityAtLeast(a, b) ? a : b));
    if (loudest === 'off' || !severityAtLeast(loudest, severity)) severity = loudest;
  }
  if (severity === 'off') return null;
  return { ...finding, severity, role: { role: judgement.role, why: judgement.why } };
}

/** What a rule declares for a role: off, or a cap on the finding's severity. */
function severityFor(rule: Rule, role: ImageRole, severity: Severity): EffectiveSeverity {
  const policy = role === 'service' ? undefined : rule.meta.roles?.[role];
  if (policy === 'off') return 'off';
  return policy && !severityAtLeast(policy, severity) ? policy : severity;
}

/** The build context, listed at most once per lint and only when a rule reads it. */
function lazyBuildContext(options: LintOptions): () => BuildContext | null {
  let value: BuildContext | null | undefined;
  return () => {
    if (value === undefined) value = typeof options.buildContext === 'function' ? options.buildContext() : (options.buildContext ?? null);
    return value;
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
