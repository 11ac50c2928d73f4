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
  /** Check the workspace folder's files that are not open (the Problems view for everything). */
  workspaceScan: WorkspaceScanSettings;
  /** Completion, hover, formatting…: on, off, or off when another Dockerfile extension has them. */
  editorFeatures: 'auto' | 'on' | 'off';
}

export interface WorkspaceScanSettings {
  enable: boolean;
  /** Globs, relative to the workspace folder, skipped besides files.exclude and .gitignore. */
  exclude: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  severityOverrides: [],
  registryLookups: true,
  workspaceScan: { enable: true, exclude: [] },
  editorFeatures: 'auto',
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
    workspaceScan: normalizeWorkspaceScan(value.workspaceScan),
    editorFeatures: value.editorFeatures === 'on' || value.editorFeatures === 'off' ? value.editorFeatures : 'auto',
  };
}

const OVERRIDE_SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off', 'default']);

function isOverride(item: unknown): item is SeverityOverride {
  if (!item || typeof item !== 'object') return false;
  const { rule, severity } = item as Record<string, unknown>;
  return typeof rule === 'string' && typeof severity === 'string' && OVERRIDE_SEVERITIES.has(severity);
}

export function normalizeWorkspaceScan(raw: unknown): WorkspaceScanSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    enable: value.enable !== false,
    exclude: Array.isArray(value.exclude) ? value.exclude.filter((g): g is string => typeof g === 'string') : [],
  };
}
