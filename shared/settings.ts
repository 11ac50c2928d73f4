import type { Severity } from './ids';

/** A severity override: `rule` is a rule id, a group slug, or a glob over them. */
export interface SeverityOverride {
  rule: string;
  severity: Severity | 'off' | 'default';
}

/** The `dockerfileHardening.*` settings, read per resource (file or workspace folder). */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  severityOverrides: SeverityOverride[];
  /** Ask registries for digests and tags (pin quick fixes, hover); never while diagnosing. */
  registryLookups: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  severityOverrides: [],
  registryLookups: true,
};

/** Turns whatever the client sent into well-formed settings; unknown values fall back to defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const overrides = Array.isArray(value.severityOverrides) ? value.severityOverrides : [];
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    severityOverrides: overrides.filter(isOverride),
    registryLookups: typeof value.registryLookups === 'boolean' ? value.registryLookups : DEFAULT_SETTINGS.registryLookups,
  };
}

const OVERRIDE_SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off', 'default']);

function isOverride(item: unknown): item is SeverityOverride {
  if (!item || typeof item !== 'object') return false;
  const { rule, severity } = item as Record<string, unknown>;
  return typeof rule === 'string' && typeof severity === 'string' && OVERRIDE_SEVERITIES.has(severity);
}
