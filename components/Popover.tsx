/**
 * The entity card shown next to a mention. Props in, callbacks out: no
 * browser APIs here. Everything is rendered as text (never as HTML), so
 * names or descriptions containing markup stay inert.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { EntityType } from '../utils/dataset/schema';
import type { AlternativeView, EntityView } from '../utils/messages';
import { factDates, factLabel, TYPE_LABELS, wikipediaSearchUrl, wikipediaUrl } from './format';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** What the reader can say about a wrong match; the host turns it into a rule (utils/rules.ts). */
export type Correction =
  | { kind: 'choose'; entity: string; entityLabel: string }
  | { kind: 'notThis' }
  | { kind: 'muteName' }
  | { kind: 'muteEntity' };

/** Shown in place of the correction menu once the reader has made one. */
export interface Notice { text: string; onUndo: () => void }

export interface PopoverProps {
  /** What the page knows before the record arrives. */
  mention: { id: string; label: string; type: EntityType; text: string; alternatives?: AlternativeView[] };
  /** Hostname of the page, for "on this site" corrections. */
  site: string;
  view: EntityView | null | undefined; // undefined = loading, null = not found
  saveState: SaveState;
  error?: string;
  onSave: () => void;
  onClose: () => void;
  onOpenRelated?: (id: string) => void;
  onCorrect: (c: Correction) => void;
  notice?: Notice;
}

export function Popover({ mention, site, view, saveState, error, onSave, onClose, onCorrect, notice }: PopoverProps) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.focus({ preventScroll: true });
  }, [mention.id]);

  const record = view?.record;
  const titleId = 'dossier-popover-title';
  const type = record?.type ?? mention.type;
  const aliases = record ? record.aliases.filter((a) => a !== record.label).slice(0, 8) : [];
  const facts = record ? record.facts.slice(0, 8) : [];
  const label = record?.label ?? mention.label;

  return (
    <div
      ref={dialog}
      class={`card type-${type}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.stopPropagation(); onClose(); }
      }}
    >
      <header>
        <div>
          <h2 id={titleId}>{record?.label ?? mention.label}</h2>
          <p class="type">{TYPE_LABELS[type]}{record?.kind ? ` · ${record.kind.replace(/-/g, ' ')}` : ''}</p>
        </div>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>×</button>
      </header>
      {view === undefined && <p class="muted" aria-live="polite">Loading…</p>}
      {view === null && <p class="muted">Details are not available yet (the dataset is still being installed).</p>}
      {record && (
        <>
          <p class="description">{record.description}</p>
          {facts.length > 0 && (
            <dl class="facts">
              {facts.map((f, i) => (
                <div class="fact" key={i}>
                  <dt>{factLabel(f.key)}</dt>
                  <dd>{f.value}{factDates(f) && <span class="dates"> ({factDates(f)})</span>}</dd>
                </div>
              ))}
            </dl>
          )}
          {aliases.length > 0 && (
            <p class="aliases"><span class="label">Also known as</span> {aliases.join(' · ')}</p>
          )}
          {view!.related.length > 0 && (
            <div class="related">
              <span class="label">Related</span>
              <ul>
                {view!.related.slice(0, 6).map((r) => (
                  <li key={r.id} title={r.description}>{r.label}</li>
                ))}
              </ul>
            </div>
          )}
          {view!.savedPages.length > 0 && (
            <div class="library">
              <span class="label">In your library: {view!.savedCount} {view!.savedCount === 1 ? 'article' : 'articles'}</span>
              <ul>
                {view!.savedPages.map((p) => (
                  <li key={p.url}><a href={p.url} target="_blank" rel="noopener noreferrer">{p.title || p.url}</a></li>
                ))}
              </ul>
            </div>
          )}
          <footer>
            {record.wikipedia ? (
              <a class="wiki" href={wikipediaUrl(record.wikipedia)} target="_blank" rel="noopener noreferrer">Wikipedia</a>
            ) : (
              <a class="wiki" href={wikipediaSearchUrl(record.label, record.description)} target="_blank" rel="noopener noreferrer">Search Wikipedia</a>
            )}
            <span class="source">Source: {record.sources.join(', ')} · as of {record.asOf}</span>
          </footer>
        </>
      )}
      {mention.alternatives && mention.alternatives.length > 0 && !notice && (
        <div class="alternatives">
          <span class="label" id="dossier-alternatives">“{mention.text}” could also be</span>
          <ul aria-labelledby="dossier-alternatives">
            {mention.alternatives.map((a) => {
              // Same-named meanings (three towns called Washington) differ only by their description.
              const described = view?.alternatives?.find((d) => d.id === a.id)?.description;
              return (
                <li key={a.id}>
                  <button type="button" class="alt" data-entity={a.id} onClick={() => onCorrect({ kind: 'choose', entity: a.id, entityLabel: a.label })}>
                    {a.label} <span class="alt-type">{described ?? TYPE_LABELS[a.type]}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {notice ? (
        <p class="notice" role="status">
          {notice.text} <button type="button" class="link" onClick={notice.onUndo}>Undo</button>
        </p>
      ) : (
        <details class="wrong">
          <summary>Wrong match?</summary>
          <ul>
            <li><button type="button" class="link" onClick={() => onCorrect({ kind: 'notThis' })}>Not {label}: “{mention.text}” means something else on {site}</button></li>
            <li><button type="button" class="link" onClick={() => onCorrect({ kind: 'muteName' })}>Don’t mark “{mention.text}” on {site}</button></li>
            <li><button type="button" class="link" onClick={() => onCorrect({ kind: 'muteEntity' })}>Never mark {label}</button></li>
          </ul>
        </details>
      )}
      <div class="actions">
        <button type="button" class="save" onClick={onSave} disabled={saveState === 'saving' || saveState === 'saved'}>
          {saveState === 'saved' ? 'Saved ✓' : saveState === 'saving' ? 'Saving…' : 'Save page'}
        </button>
        {saveState === 'error' && <span class="error" role="alert">{error ?? 'Could not save'}</span>}
      </div>
    </div>
  );
}
