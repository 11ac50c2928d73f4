/**
 * Finding and reading configuration for a Dockerfile: the nearest `.dockerfile-hardening.json`
 * and the nearest `.hadolint.yaml`/`.hadolint.yml` up the folder tree (so each package of a
 * monorepo can have its own). Both become severity overrides and trusted registries for the
 * engine. Bad files give a clear problem message and are otherwise ignored, never a crash.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILE_NAME, type ProjectConfig } from '../../../shared/config';
import { IMAGE_ROLES, SEVERITIES } from '../../../shared/ids';
import type { ConfiguredRole } from './roleFacts';
import type { SeverityOverride } from '../../../shared/settings';
import { linter } from '../defaultLinter';

export interface ResolvedConfig {
  severityOverrides: SeverityOverride[];
  trustedRegistries: string[] | null;
  exclude: string[];
  /** Roles the config gives Dockerfiles (globs made absolute), when the tool judges them wrong. */
  roles: ConfiguredRole[];
  /** The files that were read, nearest first. */
  files: string[];
  /** Problems to show the user (unreadable or invalid files). */
  problems: string[];
}

const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];
const HADOLINT_SEVERITY: Record<string, SeverityOverride['severity']> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

function findUp(start: string, names: string[], stopAt: string | null): string | null {
  let dir = start;
  for (;;) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    if (dir === stopAt) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function readProjectConfig(path: string, problems: string[]): ProjectConfig | null {
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parseJsonc(readFileSync(path, 'utf8'), errors, { allowTrailingComma: true });
  } catch (error) {
    problems.push(`${path}: cannot read (${(error as Error).message})`);
    return null;
  }
  if (errors.length > 0) {
    problems.push(`${path}: not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${path}: expected an object`);
    return null;
  }
  const config = value as ProjectConfig;
  for (const [rule, severity] of Object.entries(config.rules ?? {})) {
    if (!(SEVERITIES as readonly string[]).includes(severity) && severity !== 'off') problems.push(`${path}: rules.${rule}: unknown severity "${severity}"`);
  }
  for (const [glob, role] of Object.entries(config.roles ?? {})) {
    if (!(IMAGE_ROLES as readonly string[]).includes(role)) problems.push(`${path}: roles.${glob}: unknown role "${role}" (one of ${IMAGE_ROLES.join(', ')})`);
  }
  return config;
}

/** The config's `roles` with each glob made absolute (relative to the config file), valid roles only. */
export function configuredRoles(config: ProjectConfig | null, path: string | null): ConfiguredRole[] {
  if (!config?.roles || !path) return [];
  return Object.entries(config.roles)
    .filter(([, role]) => (IMAGE_ROLES as readonly string[]).includes(role))
    .map(([glob, role]) => ({ glob: join(dirname(path), glob), role, source: basename(path) }));
}

/** Maps `.hadolint.yaml` (`ignored`, `override`, `trustedRegistries`) onto our rules. */
export function readHadolintConfig(path: string, problems: string[]): { overrides: SeverityOverride[]; trustedRegistries: string[] | null } {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`${path}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
    return { overrides: [], trustedRegistries: null };
  }
  const config = (doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>;
  const overrides: SeverityOverride[] = [];
  const toRules = (ids: unknown, severity: SeverityOverride['severity']) => {
    for (const id of Array.isArray(ids) ? ids : []) {
      for (const rule of linter.peers.rulesFor('hadolint', String(id))) overrides.push({ rule: rule.meta.id, severity });
    }
  };
  const override = (config.override ?? {}) as Record<string, unknown>;
  for (const [level, severity] of Object.entries(HADOLINT_SEVERITY)) toRules(override[level], severity);
  toRules(config.ignored, 'off');
  const trusted = config.trustedRegistries;
  const trustedRegistries = typeof trusted === 'string' ? [trusted] : Array.isArray(trusted) ? trusted.map(String) : null;
  return { overrides, trustedRegistries };
}

/**
 * Configuration for one Dockerfile. `stopAt` (a workspace folder) bounds the search; the CLI
 * searches up to the file system root, as hadolint and most linters do.
 */
export function resolveConfig(dockerfilePath: string, stopAt: string | null = null): ResolvedConfig {
  const problems: string[] = [];
  const files: string[] = [];
  const start = dirname(dockerfilePath);
  const ownPath = findUp(start, [CONFIG_FILE_NAME], stopAt);
  const own = ownPath ? readProjectConfig(ownPath, problems) : null;
  if (ownPath) files.push(ownPath);
  const severityOverrides: SeverityOverride[] = [];
  let trustedRegistries: string[] | null = null;
  if (own?.hadolint !== false) {
    const hadolintPath = findUp(start, HADOLINT_NAMES, stopAt);
    if (hadolintPath) {
      files.push(hadolintPath);
      const hadolint = readHadolintConfig(hadolintPath, problems);
      severityOverrides.push(...hadolint.overrides);
      trustedRegistries = hadolint.trustedRegistries;
    }
  }
  // Our own file comes last so it wins over the hadolint mapping.
  for (const [rule, severity] of Object.entries(own?.rules ?? {})) {
    if ((SEVERITIES as readonly string[]).includes(severity) || severity === 'off') severityOverrides.push({ rule, severity });
  }
  if (own?.trustedRegistries) trustedRegistries = own.trustedRegistries;
  const exclude = (own?.exclude ?? []).map((glob) => join(dirname(ownPath!), glob));
  return { severityOverrides, trustedRegistries, exclude, roles: configuredRoles(own, ownPath), files, problems };
}
