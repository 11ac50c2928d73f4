/** Config per Dockerfile with a cache per folder, or one explicit file for everything (`--config`). */
import { dirname, resolve } from 'node:path';
import { configuredRoles, readHadolintConfig, readProjectConfig, resolveConfig, type ResolvedConfig } from './loadConfig';

export class ConfigResolver {
  private readonly byFolder = new Map<string, ResolvedConfig>();
  private readonly explicit: ResolvedConfig | null;
  readonly explicitProblems: string[] = [];

  constructor(
    explicitPath: string | null,
    private readonly stopAt: string | null = null,
  ) {
    this.explicit = explicitPath ? this.readExplicit(resolve(explicitPath)) : null;
  }

  forFile(path: string): ResolvedConfig {
    if (this.explicit) return this.explicit;
    const folder = dirname(resolve(path));
    let config = this.byFolder.get(folder);
    if (!config) {
      config = resolveConfig(resolve(path), this.stopAt);
      this.byFolder.set(folder, config);
    }
    return config;
  }

  /** Forget everything (a config file changed on disk). */
  clear(): void {
    this.byFolder.clear();
  }

  private readExplicit(path: string): ResolvedConfig {
    const problems: string[] = [];
    if (/\.ya?ml$/.test(path)) {
      const hadolint = readHadolintConfig(path, problems);
      this.explicitProblems.push(...problems);
      return { severityOverrides: hadolint.overrides, trustedRegistries: hadolint.trustedRegistries, exclude: [], roles: [], files: [path], problems };
    }
    const config = readProjectConfig(path, problems);
    this.explicitProblems.push(...problems);
    const severityOverrides = Object.entries(config?.rules ?? {}).map(([rule, severity]) => ({ rule, severity }));
    return {
      severityOverrides,
      trustedRegistries: config?.trustedRegistries ?? null,
      exclude: (config?.exclude ?? []).map((g) => resolve(dirname(path), g)),
      roles: configuredRoles(config, path),
      files: [path],
      problems,
    };
  }
}
