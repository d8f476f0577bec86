/** The library page: the reader's saved pages, newest first; open or delete. */
import type { SavedPage } from '../utils/pages';
import { formatDate, TYPE_LABELS } from './format';

export interface LibraryProps {
  pages: SavedPage[] | null;
  error?: string;
  onDelete: (url: string) => void;
}

export function LibraryApp({ pages, error, onDelete }: LibraryProps) {
  return (
    <main class="page">
      <h1>Your library</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {pages === null && !error && <p class="muted">Loading…</p>}
      {pages && pages.length === 0 && <p class="muted">No saved pages yet. Use “Save page” in a Dossier card or the popup.</p>}
      {pages && pages.length > 0 && (
        <>
          <p class="muted">{pages.length} saved {pages.length === 1 ? 'page' : 'pages'}</p>
          <ul class="pages" aria-label="Saved pages">
            {pages.map((p) => (
              <li key={p.url} class="saved-page">
                <h3><a href={p.url} target="_blank" rel="noopener noreferrer">{p.title || p.url}</a></h3>
                <p class="meta">
                  {p.site} · saved {formatDate(p.savedAt)}
                  {p.byline ? ` · ${p.byline}` : ''}
                </p>
                {p.excerpt && <p>{p.excerpt}</p>}
                {p.entities.length > 0 && (
                  <ul class="chips" aria-label="Entities found">
                    {p.entities.slice(0, 20).map((e) => (
                      <li key={e.id} title={`${TYPE_LABELS[e.type]} · ${e.count} mentions`}>{e.label}</li>
                    ))}
                  </ul>
                )}
                <div class="actions">
                  <button type="button" onClick={() => onDelete(p.url)} aria-label={`Delete ${p.title || p.url}`}>Delete</button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
