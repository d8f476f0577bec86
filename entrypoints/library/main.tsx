/** Library page entry: state and the background's answers, rendered by components/LibraryApp. */
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { LibraryApp, type LibraryView } from '@/components/LibraryApp';
import '@/components/page-styles.css';
import '@/components/library-styles.css';
import { askBackground } from '@/utils/client';
import type { EntityType } from '@/utils/dataset/schema';
import type { ExportKind } from '@/utils/library/export';
import type { EntityOverview, LibraryQuery, LibraryResult } from '@/utils/library/types';
import type { SavedPage } from '@/utils/pages';
import { buildExport, download, importFile } from './files';

const PAGE = 50;
const UNDO_MS = 20_000;
const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** ?q=…&entity=Q123 open the library on a search or on one entity's pages. */
function initialQuery(): { query: LibraryQuery; view: LibraryView } {
  const params = new URLSearchParams(location.search);
  const entity = params.get('entity');
  return {
    query: { text: params.get('q') ?? undefined, entityIds: entity ? [entity] : undefined, sort: entity ? 'saved' : undefined },
    view: entity ? 'entities' : 'pages',
  };
}

function Library() {
  const init = useRef(initialQuery()).current;
  const [view, setView] = useState<LibraryView>(init.view);
  const [query, setQuery] = useState<LibraryQuery>(init.query);
  const [limit, setLimit] = useState(PAGE);
  const [result, setResult] = useState<LibraryResult | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ text: string; error?: boolean } | undefined>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [undo, setUndo] = useState<{ text: string; pages: SavedPage[] } | null>(null);
  const [overview, setOverview] = useState<EntityOverview | null>(null);
  const [overviewType, setOverviewType] = useState<EntityType | undefined>();
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  // Results as you type: a short pause lets fast typing through; stale answers are dropped.
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      askBackground('queryLibrary', { ...query, text: query.text?.trim() ? query.text : undefined, limit }).then(
        (r) => {
          if (mine !== seq.current) return;
          setResult(r);
          setError(undefined);
          setLabels((old) => {
            const next = { ...old };
            for (const e of r.facets.entities) next[e.id] = e.label;
            for (const it of r.items) for (const e of it.entities) next[e.id] = e.label;
            return next;
          });
        },
        (e: unknown) => { if (mine === seq.current) setError(msg(e)); },
      );
    }, query.text ? 60 : 0);
    return () => clearTimeout(timer);
  }, [query, limit, tick]);

  useEffect(() => {
    if (view !== 'entities') return;
    void askBackground('libraryEntities', { limit: 200, type: overviewType }).then((o) => {
      setOverview(o);
      setLabels((old) => ({ ...old, ...Object.fromEntries(o.entities.map((e) => [e.id, e.label])) }));
    }, (e: unknown) => setError(msg(e)));
  }, [view, overviewType, tick]);

  // Pages saved in other tabs while this one was in the background show up on return.
  useEffect(() => {
    const onVisible = () => { if (document.visibilityState === 'visible') refresh(); };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  useEffect(() => {
    if (!undo) return;
    const t = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(t);
  }, [undo]);

  const patchQuery = (patch: Partial<LibraryQuery>) => {
    setLimit(PAGE);
    setQuery((q) => {
      const next = { ...q, ...patch };
      // Relevance needs words to be relevant to.
      if (!next.text?.trim() && next.sort === 'relevance') next.sort = undefined;
      return next;
    });
  };

  const del = async (urls: string[]) => {
    if (urls.length === 0) return;
    try {
      const { deleted } = await askBackground('deletePages', { urls });
      setSelected((s) => new Set([...s].filter((u) => !urls.includes(u))));
      setUndo({ pages: deleted, text: deleted.length === 1 ? `Deleted “${deleted[0]!.title || deleted[0]!.url}”.` : `Deleted ${deleted.length} pages.` });
      refresh();
    } catch (e) { setError(msg(e)); }
  };

  const doUndo = async () => {
    if (!undo) return;
    const { pages } = undo;
    setUndo(null);
    try {
      const { restored } = await askBackground('restorePages', { pages });
      setStatus({ text: `Restored ${restored} ${restored === 1 ? 'page' : 'pages'}.` });
      refresh();
    } catch (e) { setError(msg(e)); }
  };

  const doExport = async (kind: ExportKind, scope: 'all' | 'selection') => {
    setBusy(true);
    try {
      const urls = scope === 'selection' ? [...selected] : undefined;
      const { blob, name, count } = await buildExport(kind, urls, (done, total) => setStatus({ text: `Exporting… ${done} of ${total}` }));
      download(blob, name);
      setStatus({ text: `Exported ${count} ${count === 1 ? 'page' : 'pages'} to ${name}.` });
    } catch (e) { setStatus({ text: `Export failed: ${msg(e)}`, error: true }); }
    setBusy(false);
  };

  const doImport = async (file: File) => {
    setBusy(true);
    setStatus({ text: `Importing ${file.name}…` });
    try {
      const r = await importFile(file);
      setStatus({ text: `Imported ${file.name} (${r.format === 'pocket' ? 'Pocket CSV' : 'Dossier JSON'}): ${r.added} added, ${r.updated} updated, ${r.skipped} skipped.` });
      refresh();
    } catch (e) {
      setStatus({ text: `Nothing was imported from ${file.name}: ${msg(e)}`, error: true });
    }
    setBusy(false);
  };

  return (
    <LibraryApp
      view={view}
      query={query}
      result={result}
      error={error}
      status={status}
      selected={selected}
      undo={undo}
      overview={overview}
      overviewType={overviewType}
      entityLabels={labels}
      busy={busy}
      onView={(v) => { setView(v); if (v === 'entities') patchQuery({ entityIds: undefined, sort: 'saved' }); }}
      onQuery={patchQuery}
      onSelect={(url, on) => setSelected((s) => { const n = new Set(s); if (on) n.add(url); else n.delete(url); return n; })}
      onSelectAll={(on) => setSelected(on ? new Set([...selected, ...(result?.items ?? []).map((i) => i.url)]) : new Set())}
      onDelete={(urls) => void del(urls)}
      onUndo={() => void doUndo()}
      onEdit={(url, patch) => void askBackground('updatePage', { url, ...patch }).then(refresh, (e: unknown) => setError(msg(e)))}
      onOpen={(url) => window.open(url, '_blank', 'noopener,noreferrer')}
      onMore={() => setLimit((l) => l + PAGE)}
      onPickEntity={(id) => {
        // In the entity view a pick shows that entity's pages, newest first; in the list it narrows the filter.
        if (view === 'entities') patchQuery({ entityIds: [id], sort: 'saved', text: '', site: undefined, tag: undefined, entityType: undefined, from: undefined, to: undefined });
        else patchQuery({ entityIds: [...new Set([...(query.entityIds ?? []), id])] });
      }}
      onOverviewType={setOverviewType}
      onExport={(kind, scope) => void doExport(kind, scope)}
      onImport={(file) => void doImport(file)}
    />
  );
}

render(<Library />, document.getElementById('app')!);
