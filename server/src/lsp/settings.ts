/**
 * Settings per resource, pulled from the client with `workspace/configuration` (so a folder's
 * settings apply to its files) and cached until the client says they changed. Clients that
 * cannot answer configuration requests send settings with `didChangeConfiguration`.
 */
import type { Connection } from 'vscode-languageserver';
import { normalizeSettings, type Settings } from '../../../shared/settings';
import { SETTINGS_SECTION } from '../../../shared/ids';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: Settings = normalizeSettings(undefined);

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(normalizeSettings, () => this.pushed);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** From `didChangeConfiguration`: drop the cache; keep pushed values for clients that push. */
  changed(payload: unknown): void {
    this.cache.clear();
    const section = (payload as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) this.pushed = normalizeSettings(section);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
