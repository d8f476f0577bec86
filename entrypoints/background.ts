/**
 * The background: sole owner of the dataset, the name index and the saved
 * pages. Wires message handlers, installs the bundled dataset on install,
 * update and (if an earlier load was cut short) on start, relays keyboard
 * commands to the active tab, and keeps the save-page menu item and the
 * saved-page badge (utils/background/library-events.ts).
 */
import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { createHandlers } from '@/utils/background/handlers';
import { dispatch } from '@/utils/background/dispatch';
import { cacheIndexIn, loadBundledIndex, loadBundledManifest, ensureDatasetInstalled, indexLoadTime, pendingRecord, recordsLoading } from '@/utils/background/bundled-dataset';
import { readSettings, writeSettings } from '@/utils/background/settings-store';
import { openDatabase } from '@/utils/db/database';
import { afterReply, installSaveMenu, SAVE_COMMAND, SAVE_MENU_ID, saveActiveTab, saveTab } from '@/utils/background/library-events';
import { askTab } from '@/utils/client';

export default defineBackground(() => {
  const db = openDatabase();
  cacheIndexIn(db);
  const handlers = createHandlers({
    db,
    index: loadBundledIndex,
    manifest: loadBundledManifest,
    readSettings,
    writeSettings,
    pendingRecord,
    recordsLoading,
    indexLoad: indexLoadTime,
  });
  const ctx = { ownId: browser.runtime.id, ownOrigin: browser.runtime.getURL('/') };

  browser.runtime.onMessage.addListener((msg: unknown, sender: { id?: string; url?: string; tab?: { id?: number } }) => {
    // Returning undefined (not a promise) leaves messages that are not ours to others.
    const reply = dispatch(handlers, msg, { id: sender.id, url: sender.url }, ctx);
    return reply.then((r) => { afterReply(msg, r, sender.tab?.id); return r; }) as Promise<unknown>;
  });

  browser.runtime.onInstalled.addListener(() => void ensureDatasetInstalled(db));
  // Every worker start checks too: a load cut short by a killed worker resumes here.
  void ensureDatasetInstalled(db);

  void installSaveMenu().catch(() => {});
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SAVE_MENU_ID && tab?.id !== undefined) void saveTab(tab.id);
  });

  browser.commands?.onCommand.addListener(async (command: string) => {
    if (command === SAVE_COMMAND) { await saveActiveTab(); return; }
    if (command !== 'next-entity' && command !== 'previous-entity') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await askTab(tab.id, 'navigate', { direction: command === 'next-entity' ? 1 : -1 }).catch(() => {});
  });
});
