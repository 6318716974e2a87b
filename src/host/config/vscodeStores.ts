// Settings and the API key over the vscode API.
// The key lives in SecretStorage (the OS keychain), one entry per provider preset; it
// is never written to settings and never logged.
import * as vscode from 'vscode';
import type { ProviderPreset } from '../../protocol/messages';
import type { KeyStore, SettingsStore } from './configService';
import { coerceSettings, type RawSettings } from './settings';

export const SETTINGS_SECTION = 'tandem';

export class VscodeSettings implements SettingsStore {
  read(): RawSettings {
    const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    return coerceSettings((key) => c.get(key));
  }

  async update(patch: Partial<RawSettings>): Promise<void> {
    const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    for (const [key, value] of Object.entries(patch)) {
      await c.update(key, value, vscode.ConfigurationTarget.Global);
    }
  }
}

export const secretKeyName = (provider: ProviderPreset) => `tandem.apiKey.${provider}`;

export class SecretKeys implements KeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(provider: ProviderPreset): Promise<string | undefined> {
    return (await this.secrets.get(secretKeyName(provider))) || undefined;
  }

  async set(provider: ProviderPreset, key: string): Promise<void> {
    if (key) await this.secrets.store(secretKeyName(provider), key);
    else await this.secrets.delete(secretKeyName(provider));
  }
}
