/**
 * The library page: search as you type, filters with counts, sort, the
 * entity view, select, delete with undo, export and import. Props in,
 * callbacks out; entrypoints/library/ talks to the background.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { EntityType } from '../utils/dataset/schema';
import type { ExportKind } from '../utils/library/export';
import type { EntityOverview, LibraryQuery, LibraryResult, LibrarySort } from '../utils/library/types';
import { LibraryEntities } from './LibraryEntities';
import { LibraryFilters } from './LibraryFilters';
import { LibraryList } from './LibraryList';

export type LibraryView = 'pages' | 'entities';

export interface LibraryProps {
  view: LibraryView;
  query: LibraryQuery;
  result: LibraryResult | null;
  error?: string;
  /** Progress or outcome of an export/import, shown in a live region. */
  status?: { text: string; error?: boolean };
  selected: ReadonlySet<string>;
  undo: { text: string } | null;
  overview: EntityOverview | null;
  overviewType?: EntityType;
  entityLabels: Record<string, string>;
  busy: boolean;
  onView: (v: LibraryView) => void;
  onQuery: (patch: Partial<LibraryQuery>) => void;
  onSelect: (url: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  onDelete: (urls: string[]) => void;
  onUndo: () => void;
  onEdit: (url: string, patch: { tags: string[]; note: string }) => void;
  onOpen: (url: string) => void;
  onMore: () => void;
  onPickEntity: (id: string) => void;
  onOverviewType: (t: EntityType | undefined) => void;
  onExport: (kind: ExportKind, scope: 'all' | 'selection') => void;
  onImport: (file: File) => void;
}

const SORTS: Record<LibrarySort, string> = { relevance: 'Relevance', saved: 'Saved date', published: 'Published date' };

function Toolbar(p: LibraryProps) {
  const kind = useRef<HTMLSelectElement>(null);
  const shown = p.result?.items ?? [];
  const allShownSelected = shown.length > 0 && shown.every((i) => p.selected.has(i.url));
  const exportAs = (scope: 'all' | 'selection') => p.onExport((kind.current?.value ?? 'json') as ExportKind, scope);
  return (
    <div class="toolbar" role="toolbar" aria-label="Library actions">
      <label class="row">
        <input type="checkbox" name="selectAll" checked={allShownSelected} onChange={(e) => p.onSelectAll((e.target as HTMLInputElement).checked)} />
        <span>Select shown</span>
      </label>
      <button type="button" class="delete-selected" disabled={p.selected.size === 0 || p.busy} onClick={() => p.onDelete([...p.selected])}>
        Delete selected ({p.selected.size})
      </button>
      <span class="spacer" />
      <label class="row">
        <span>Export as</span>
        <select name="exportKind" ref={kind}>
          <option value="json">JSON (re-importable)</option>
          <option value="csv">CSV</option>
          <option value="markdown">Markdown</option>
        </select>
      </label>
      <button type="button" class="export-all" disabled={p.busy || !p.result?.librarySize} onClick={() => exportAs('all')}>Export all</button>
      <button type="button" class="export-selection" disabled={p.busy || p.selected.size === 0} onClick={() => exportAs('selection')}>Export selection</button>
      <label class={`import button${p.busy ? ' disabled' : ''}`}>
        Import…
        <input
          type="file"
          name="import"
          accept=".json,.csv,application/json,text/csv"
          disabled={p.busy}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            input.value = ''; // choosing the same file again is a new import
            if (file) p.onImport(file);
          }}
        />
      </label>
    </div>
  );
}

export function LibraryApp(p: LibraryProps) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = (e.target as HTMLElement | null)?.closest?.('input, textarea, select');
      if (e.key === '/' && !typing) { e.preventDefault(); search.current?.focus(); }
      if (e.key === 'z' && (e.ctrlKey || e.metaKey) && !typing && p.undo) { e.preventDefault(); p.onUndo(); }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [p.undo, p.onUndo]);

  const r = p.result;
  const q = p.query;
  const chosenEntity = q.entityIds?.length === 1 ? q.entityIds[0] : undefined;
  const listLabel = p.view === 'entities' && chosenEntity ? `Pages that mention ${p.entityLabels[chosenEntity] ?? chosenEntity}` : 'Saved pages';

  return (
    <main class="page library">
      <header class="library-head">
        <h1>Your library</h1>
        <nav class="views" aria-label="Views">
          <button type="button" class="view-pages" aria-pressed={p.view === 'pages'} onClick={() => p.onView('pages')}>Pages</button>
          <button type="button" class="view-entities" aria-pressed={p.view === 'entities'} onClick={() => p.onView('entities')}>Entities</button>
        </nav>
      </header>
      <div class="search-row">
        <input
          ref={search}
          type="search"
          name="q"
          placeholder="Search titles, text, tags and notes   ( / )"
          aria-label="Search your library"
          value={q.text ?? ''}
          onInput={(e) => p.onQuery({ text: (e.target as HTMLInputElement).value, offset: 0 })}
          onKeyDown={(e) => { if (e.key === 'Escape' && q.text) { e.preventDefault(); p.onQuery({ text: '' }); } }}
        />
        <label class="row">
          <span>Sort by</span>
          <select name="sort" value={q.sort ?? (q.text ? 'relevance' : 'saved')} onChange={(e) => p.onQuery({ sort: (e.target as HTMLSelectElement).value as LibrarySort })}>
            {(Object.keys(SORTS) as LibrarySort[]).map((s) => <option key={s} value={s} disabled={s === 'relevance' && !q.text}>{SORTS[s]}</option>)}
          </select>
        </label>
      </div>
      {p.error && <p class="error" role="alert">{p.error}</p>}
      <p class={`status${p.status?.error ? ' error' : ''}`} role="status" aria-live="polite">{p.status?.text ?? ''}</p>
      {p.undo && (
        <div class="undo-bar" role="alert">
          <span>{p.undo.text}</span>
          <button type="button" class="undo" onClick={p.onUndo}>Undo</button>
        </div>
      )}
      <Toolbar {...p} />
      <div class="library-body">
        {p.view === 'pages' ? (
          <LibraryFilters query={q} facets={r?.facets ?? null} entityLabels={p.entityLabels} onChange={p.onQuery} />
        ) : (
          <LibraryEntities overview={p.overview} type={p.overviewType} chosen={chosenEntity} onType={p.onOverviewType} onChoose={p.onPickEntity} />
        )}
        <div class="library-main">
          {!r && !p.error && <p class="muted">Loading…</p>}
          {r && r.librarySize === 0 && <p class="muted empty">No saved pages yet. Use “Save page” in a Dossier card, the popup, the page's context menu or Alt+Shift+S.</p>}
          {r && r.librarySize > 0 && (
            <>
              {p.view === 'entities' && chosenEntity && <h2 class="entity-pages">{listLabel}, newest first</h2>}
              {p.view === 'entities' && !chosenEntity && <p class="muted">Choose an entity to see every saved page that mentions it.</p>}
              <p class="muted summary" aria-live="polite">
                {r.total === r.librarySize ? `${r.total} saved ${r.total === 1 ? 'page' : 'pages'}` : `${r.total} of ${r.librarySize} pages`}
                {q.text ? ` match “${q.text}”` : ''}
              </p>
              {(p.view === 'pages' || chosenEntity) && (
                <LibraryList
                  pages={r.items}
                  total={r.total}
                  selected={p.selected}
                  label={listLabel}
                  onSelect={p.onSelect}
                  onDelete={p.onDelete}
                  onEdit={p.onEdit}
                  onPickEntity={p.onPickEntity}
                  onMore={p.onMore}
                  onOpen={p.onOpen}
                />
              )}
            </>
          )}
        </div>
      </div>
    </main>
  );
}
