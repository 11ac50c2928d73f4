/**
 * The engine's entry point: text in, findings (with their fixes) out. Pure: no I/O,
 * no globals beyond the shell parser, which must have been initialised (`initEngine`).
 */
import type { SeverityOverride } from '../../../shared/settings';
import { RULES } from '../rules';
import { initShellParser } from '../shell/parser';
import { buildModel, type DockerfileModel } from './model';
import { formatMessage, type Rule } from './rule';
import { overriddenSeverity } from './severity';
import { collectSuppressions } from './suppressions';
import { comparePositions } from './sourceText';
import type { Finding } from './types';

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
}

export interface LintResult {
  findings: Finding[];
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
    model = buildModel(text);
  } catch (error) {
    return { findings: [], internalErrors: [`parser: ${describe(error)}`], model: null };
  }
  const suppressions = collectSuppressions(model);
  const overrides = options.severityOverrides ?? [];
  const findings: Finding[] = [];

  for (const rule of options.rules ?? RULES) {
    const override = overriddenSeverity(rule.meta, overrides);
    if (override === 'off') continue;
    try {
      rule.check({
        model,
        filePath: options.filePath ?? null,
        now: options.now ?? new Date(),
        trustedRegistries: options.trustedRegistries ?? null,
        report(descriptor) {
          if (suppressions.isSuppressed(rule.meta, descriptor.range.start.line)) return;
          const template = rule.meta.messages[descriptor.messageId];
          if (template === undefined) throw new Error(`unknown messageId "${descriptor.messageId}"`);
          findings.push({
            ruleId: rule.meta.id,
            group: rule.meta.group,
            severity: override ?? descriptor.severity ?? rule.meta.severity,
            messageId: descriptor.messageId,
            message: formatMessage(template, descriptor.data),
            range: descriptor.range,
            ...(descriptor.fix ? { fix: descriptor.fix } : {}),
            ...(descriptor.suggestions?.length ? { suggestions: descriptor.suggestions } : {}),
            ...(descriptor.tags?.length ? { tags: descriptor.tags } : {}),
          });
        },
      });
    } catch (error) {
      internalErrors.push(`${rule.meta.id}: ${describe(error)}`);
    }
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
  return { findings, internalErrors, model };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
