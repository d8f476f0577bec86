/** Popup entry: finds the page's tab, talks to its content script and to the background. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import '@/components/page-styles.css';
import { askBackground, askTab } from '@/utils/client';
import type { DatasetStatus } from '@/utils/messages';
import type { PageEntity } from '@/utils/pages';
import type { Settings } from '@/utils/settings';

/** The tab the popup is about. Opened as a tab itself (tests, keyboard users), it picks the last other tab used. */
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const self = await browser.tabs.getCurrent().catch(() => undefined);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (active?.id !== undefined && active.id !== self?.id) return active.id;
  const tabs = await browser.tabs.query({ currentWindow: true });
  const others = tabs.filter((t) => t.id !== self?.id && t.id !== undefined);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}

function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<DatasetStatus | null>(null);
  const [tabId, setTabId] = useState<number | undefined>();
  const [hostname, setHostname] = useState<string | null>(null);
  const [entities, setEntities] = useState<PageEntity[] | null>(null);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [message, setMessage] = useState<string | undefined>();

  useEffect(() => {
    void askBackground('getSettings', {}).then(setSettings);
    // Poll only while the dataset installs: progress moves then, and nothing changes after.
    let timer: ReturnType<typeof setInterval> | undefined;
    const poll = () => void askBackground('datasetStatus', {}).then((st) => {
      setStatus(st);
      if (st.state !== 'updating' && st.state !== 'empty' && timer !== undefined) { clearInterval(timer); timer = undefined; }
    }).catch(() => {});
    poll();
    timer = setInterval(poll, 500);
    void targetTab().then(async (id) => {
      setTabId(id);
      if (id === undefined) return;
      try {
        // Only what the popup shows: the article's text is extracted when the reader saves.
        const page = await askTab(id, 'pageInfo', {});
        setHostname(new URL(page.url).hostname);
        setEntities(page.entities);
      } catch { /* no content script there: Dossier does not run on this page */ }
    });
    return () => { if (timer !== undefined) clearInterval(timer); };
  }, []);

  const refreshEntities = () => {
    if (tabId === undefined) return;
    setTimeout(() => void askTab(tabId, 'listEntities', {}).then(setEntities).catch(() => {}), 600);
  };

  return (
    <PopupApp
      settings={settings}
      hostname={hostname}
      entities={entities}
      status={status}
      saveState={saveState}
      message={message}
      libraryUrl={browser.runtime.getURL('/library.html')}
      aboutUrl={browser.runtime.getURL('/about.html')}
      onChange={(patch) => void askBackground('setSettings', patch).then((s) => { setSettings(s); refreshEntities(); })}
      onSave={async () => {
        if (tabId === undefined) return;
        setSaveState('saving');
        try {
          const page = await askTab(tabId, 'collectPage', {});
          await askBackground('savePage', page);
          setSaveState('saved');
          setMessage('In your library.');
        } catch (err) {
          setSaveState('error');
          setMessage(err instanceof Error ? err.message : String(err));
        }
      }}
      onRemoveRule={(key) => void askBackground('removeRule', { key }).then((st) => { setSettings(st); refreshEntities(); })}
      onPickEntity={(id) => { if (tabId !== undefined) void askTab(tabId, 'scrollToEntity', { id }); }}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
