/** The project config file, `.dockerfile-hardening.json`, checked into a repository. */
import type { ImageRole, Severity } from './ids';

export const CONFIG_FILE_NAME = '.dockerfile-hardening.json';

export interface ProjectConfig {
  $schema?: string;
  /** Severity per rule id, group slug or glob; `off` turns it off. */
  rules?: Record<string, Severity | 'off'>;
  /** Registries base images may come from (`docker.io`, `ghcr.io/my-org`); unset: any. */
  trustedRegistries?: string[];
  /** Honour `.hadolint.yaml` (ignored rules, severity overrides, trusted registries). Default true. */
  hadolint?: boolean;
  /** Paths (globs, relative to this file) the CLI and the workspace scan skip. */
  exclude?: string[];
  /** The role of the Dockerfiles a glob (relative to this file) matches, when the tool judges it wrong. */
  roles?: Record<string, ImageRole>;
}
