/**
 * The library beyond its own page: the toolbar badge that tells a tab its
 * page is saved, the save-page keyboard command and context menu item, and
 * telling open tabs when saved pages change (so their badges follow).
 */
import { browser } from 'wxt/browser';
import { askTab } from '../client';
import { isEnvelope, type Reply } from '../messages';

export const SAVE_MENU_ID = 'dossier-save-page';
export const SAVE_COMMAND = 'save-page';
const BADGE_COLOR = '#0b5cd5';

type ActionApi = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'>;

/** MV3 has `action`, Firefox's MV2 build `browserAction`: the same calls. */
function actionApi(): ActionApi | undefined {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

export async function setSavedBadge(tabId: number, saved: boolean): Promise<void> {
  const action = actionApi();
  if (!action) return;
  // Per-tab values: browsers reset them when the tab navigates, and the next page asks again.
  await action.setBadgeText({ tabId, text: saved ? '✓' : '' });
  if (saved) await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
  await action.setTitle({ tabId, title: saved ? 'Dossier — this page is in your library' : 'Dossier' });
}

/** Tells every tab which saved pages changed (null: any); each checks its own and updates its badge. */
export async function broadcastLibraryChanged(urls: string[] | null): Promise<void> {
  // No `tabs` permission: we cannot see tab URLs, so every tab is told and the right one answers.
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : askTab(t.id, 'libraryChanged', { urls }).catch(() => {}))));
}

/** The command and the menu item: the tab collects and saves itself (as its popover's button does). */
export async function saveTab(tabId: number): Promise<void> {
  await askTab(tabId, 'saveThisPage', {}).catch(() => {
    // No content script there (a browser page, a PDF): nothing to save.
  });
}

export async function saveActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await saveTab(tab.id);
}

export async function installSaveMenu(): Promise<void> {
  const menus = (browser as unknown as { contextMenus?: typeof browser.contextMenus }).contextMenus;
  if (!menus) return;
  // Menu items outlive a Chrome worker but not a Firefox restart: start clean every time.
  await menus.removeAll();
  menus.create({ id: SAVE_MENU_ID, title: 'Save page to Dossier library', contexts: ['page', 'selection'] });
}

/** After the background answered a request: badge for the asking tab, news for the others. */
export function afterReply(msg: unknown, reply: Reply<unknown> | undefined, tabId: number | undefined): void {
  if (!reply || !('result' in reply) || !isEnvelope(msg)) return;
  const result = reply.result as Record<string, unknown> | null;
  const payload = msg.payload as Record<string, unknown>;
  let changed: string[] | null | undefined;
  switch (msg.kind) {
    case 'isSaved':
      if (tabId !== undefined) void setSavedBadge(tabId, !!result?.saved).catch(() => {});
      return;
    case 'savePage':
      if (tabId !== undefined) void setSavedBadge(tabId, true).catch(() => {});
      changed = [String(result?.url)];
      break;
    case 'deletePage': changed = [String(payload.url)]; break;
    case 'deletePages': changed = ((result?.deleted as { url: string }[]) ?? []).map((p) => p.url); break;
    case 'restorePages': changed = ((payload.pages as { url: string }[]) ?? []).map((p) => p.url); break;
    case 'importFinish': changed = null; break;
    default: return;
  }
  void broadcastLibraryChanged(changed).catch(() => {});
}
