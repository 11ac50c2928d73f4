/**
 * The engine's entry point: text in, findings (with their fixes) out. Pure: no I/O,
 * no globals beyond the shell parser, which must have been initialised (`initEngine`).
 */
import type { SeverityOverride } from '../../../shared/settings';
import { RULES } from '../rules';
import { withholdShellBreakingFixes } from './shellGuard';
import { initShellParser } from '../shell/parser';
import type { ParseCache } from './chunkedParse';
import { buildModel, type DockerfileModel } from './model';
import type { BuildContext } from './buildContext';
import { buildDocumentModel, type DocumentModel } from './documentModel';
import { fileKindOf, type FileKind } from './fileKinds';
import { formatMessage, ruleKinds, type ReportDescriptor, type Rule } from './rule';
import { matchesRuleOrGroup, overriddenSeverity } from './severity';
import { collectSuppressions, parseSuppression } from './suppressions';
import { comparePositions } from './sourceText';
import type { Finding, Severity } from './types';

export interface LintOptions {
  severityOverrides?: readonly SeverityOverride[];
  /** Limit the run to these rules (by id). */
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
}

export interface LintResult {
  findings: Finding[];
  /** For compose and devcontainer files: parse errors (the file is checked as far as it parses). */
  syntaxErrors?: { message: string; range: import('./types').Range }[];
  /** Rules that threw: reported, never fatal, so one bug cannot hide every other finding. */
  internalErrors: string[];
  model: DockerfileModel | null;
}

export function initEngine(wasmDir?: string): Promise<void> {
  return initShellParser(wasmDir);
}

export function lintDockerfile(text: string, options: LintOptions = {}): LintResult {
  const internalErrors: string[] = [];
  let model: DockerfileModel;
  try {
    model = buildModel(text, options.parseCache);
  } catch (error) {
    return { findings: [], internalErrors: [`parser: ${describe(error)}`], model: null };
  }
  const suppressions = collectSuppressions(model);
  const overrides = options.severityOverrides ?? [];
  const findings: Finding[] = [];
  const buildContext = lazyBuildContext(options);

  for (const rule of options.rules ?? RULES) {
    if (!ruleKinds(rule).includes('dockerfile')) continue;
    const override = overriddenSeverity(rule.meta, overrides);
    if (override === 'off') continue;
    try {
      rule.check({
        model,
        filePath: options.filePath ?? null,
        now: options.now ?? new Date(),
        trustedRegistries: options.trustedRegistries ?? null,
        get buildContext() {
          return buildContext();
        },
        report(descriptor) {
          if (!suppressions.isSuppressed(rule.meta, descriptor.range.start.line)) findings.push(toFinding(rule, descriptor, override));
        },
      });
    } catch (error) {
      internalErrors.push(`${rule.meta.id}: ${describe(error)}`);
    }
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return { findings: withholdShellBreakingFixes(model, findings, options.parseCache), internalErrors, model };
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

/** The build context, listed at most once per lint and only when a rule reads it. */
function lazyBuildContext(options: LintOptions): () => BuildContext | null {
  let value: BuildContext | null | undefined;
  return () => {
    if (value === undefined) value = typeof options.buildContext === 'function' ? options.buildContext() : options.buildContext ?? null;
    return value;
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Lints any file the tool understands, by its path; unknown names are read as Dockerfiles. */
export function lintFile(path: string | null, text: string, options: LintOptions = {}): LintResult & { kind: FileKind } {
  const kind = (path ? fileKindOf(path) : null) ?? 'dockerfile';
  if (kind === 'dockerfile') return { ...lintDockerfile(text, { ...options, filePath: options.filePath ?? path ?? undefined }), kind };
  return { ...lintDocument(kind, text, { ...options, filePath: options.filePath ?? path ?? undefined }), kind };
}

/** Compose files and devcontainer.json. */
export function lintDocument(kind: Exclude<FileKind, 'dockerfile'>, text: string, options: LintOptions = {}): LintResult {
  const internalErrors: string[] = [];
  let document: DocumentModel;
  try {
    document = buildDocumentModel(kind, text);
  } catch (error) {
    return { findings: [], internalErrors: [`parser: ${describe(error)}`], model: null };
  }
  const suppressed = documentSuppressions(document);
  const overrides = options.severityOverrides ?? [];
  const findings: Finding[] = [];
  const buildContext = lazyBuildContext(options);
  for (const rule of options.rules ?? RULES) {
    if (!rule.checkDocument || !ruleKinds(rule).includes(kind)) continue;
    const override = overriddenSeverity(rule.meta, overrides);
    if (override === 'off') continue;
    try {
      rule.checkDocument({
        document,
        filePath: options.filePath ?? null,
        get buildContext() {
          return buildContext();
        },
        report(descriptor: ReportDescriptor) {
          if (!suppressed(rule, descriptor.range.start.line)) findings.push(toFinding(rule, descriptor, override));
        },
      });
    } catch (error) {
      internalErrors.push(`${rule.meta.id}: ${describe(error)}`);
    }
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return { findings, internalErrors, model: null, syntaxErrors: document.syntaxErrors };
}

/** `# hardening-ignore …` (YAML) or `// hardening-ignore …` (JSONC) comment lines. */
function documentSuppressions(document: DocumentModel): (rule: Rule, line: number) => boolean {
  const marker = document.kind === 'devcontainer' || document.kind === 'jenkinsfile' ? '//' : '#';
  const file: string[] = [];
  const byLine = new Map<number, string[]>();
  const { source } = document;
  // The line a comment applies to: the next one that is neither blank nor a comment. Walked from
  // the end once, so a run of 30,000 comment lines is read once, not once per comment.
  const targetAfter = new Int32Array(source.lineCount + 1);
  targetAfter[source.lineCount] = source.lineCount;
  for (let line = source.lineCount - 1; line >= 0; line--) {
    const text = source.lineText(line).trim();
    targetAfter[line] = text === '' || text.startsWith(marker) ? targetAfter[line + 1] : line;
  }
  for (let line = 0; line < source.lineCount; line++) {
    const text = source.lineText(line).trim();
    if (!text.startsWith(marker)) continue;
    const parsed = parseSuppression(text.slice(marker.length));
    if (!parsed?.patterns) continue;
    if (parsed.scope === 'file') file.push(...parsed.patterns);
    else {
      const next = targetAfter[line + 1];
      const list = byLine.get(next);
      if (list) list.push(...parsed.patterns);
      else byLine.set(next, [...parsed.patterns]);
    }
  }
  const matches = (rule: Rule, patterns: readonly string[]) => patterns.some((p) => matchesRuleOrGroup(p === 'all' ? '*' : p, rule.meta));
  const fileWide = new Map<string, boolean>();
  return (rule, line) => {
    let wholeFile = fileWide.get(rule.meta.id);
    if (wholeFile === undefined) {
      wholeFile = matches(rule, file);
      fileWide.set(rule.meta.id, wholeFile);
    }
    return wholeFile || matches(rule, byLine.get(line) ?? []);
  };
}
