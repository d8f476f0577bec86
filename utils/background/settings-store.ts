/** Settings persistence for the background (browser.storage.local). */
import { browser } from 'wxt/browser';
import { defaultSettings, sanitizeSettings, SETTINGS_KEY, type Settings } from '../settings';

export async function readSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return sanitizeSettings(got[SETTINGS_KEY], defaultSettings());
}

export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}
