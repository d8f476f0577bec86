/**
 * The background: sole owner of the dataset, the name index and the saved
 * pages. Wires message handlers, installs the bundled dataset on install,
 * update and (if an earlier load was cut short) on start, and relays
 * keyboard commands to the active tab.
 */
import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { createHandlers } from '@/utils/background/handlers';
import { dispatch } from '@/utils/background/dispatch';
import { loadBundledIndex, loadBundledManifest, ensureDatasetInstalled, pendingRecord } from '@/utils/background/bundled-dataset';
import { readSettings, writeSettings } from '@/utils/background/settings-store';
import { openDatabase } from '@/utils/db/database';
import { askTab } from '@/utils/client';

export default defineBackground(() => {
  const db = openDatabase();
  const handlers = createHandlers({
    db,
    index: loadBundledIndex,
    manifest: loadBundledManifest,
    readSettings,
    writeSettings,
    pendingRecord,
  });
  const ctx = { ownId: browser.runtime.id, ownOrigin: browser.runtime.getURL('/') };

  browser.runtime.onMessage.addListener((msg: unknown, sender: { id?: string; url?: string }) => {
    // Returning undefined (not a promise) leaves messages that are not ours to others.
    const reply = dispatch(handlers, msg, { id: sender.id, url: sender.url }, ctx);
    return reply.then((r) => r) as Promise<unknown>;
  });

  browser.runtime.onInstalled.addListener(() => void ensureDatasetInstalled(db));
  // Every worker start checks too: a load cut short by a killed worker resumes here.
  void ensureDatasetInstalled(db);

  browser.commands?.onCommand.addListener(async (command: string) => {
    if (command !== 'next-entity' && command !== 'previous-entity') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await askTab(tab.id, 'navigate', { direction: command === 'next-entity' ? 1 : -1 }).catch(() => {});
  });
});
