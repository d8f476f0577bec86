/**
 * One saved page in the library list: open the original, select, edit tags
 * and note, delete. All page text is rendered as text; links are made only
 * for http(s) addresses.
 */
import { useState } from 'preact/hooks';
import type { PageSummary } from '../utils/library/types';
import { formatDate, TYPE_LABELS } from './format';

export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

export interface LibraryItemProps {
  page: PageSummary;
  selected: boolean;
  focused: boolean;
  onSelect: (url: string, on: boolean) => void;
  onDelete: (url: string) => void;
  onEdit: (url: string, patch: { tags: string[]; note: string }) => void;
  onPickEntity: (id: string) => void;
  onFocus: () => void;
}

function Editor({ page, onDone }: { page: PageSummary; onDone: (patch: { tags: string[]; note: string } | null) => void }) {
  const [tags, setTags] = useState(page.tags.join(', '));
  const [note, setNote] = useState(page.note);
  return (
    <form
      class="editor"
      onSubmit={(e) => { e.preventDefault(); onDone({ tags: tags.split(',').map((t) => t.trim()).filter(Boolean), note }); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onDone(null); } }}
    >
      <label>Tags <small class="muted">(comma separated)</small>
        <input name="tags" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} autoFocus />
      </label>
      <label>Note
        <textarea name="note" rows={3} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <div class="actions">
        <button type="submit" class="primary">Save</button>
        <button type="button" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}

export function LibraryItem({ page, selected, focused, onSelect, onDelete, onEdit, onPickEntity, onFocus }: LibraryItemProps) {
  const [editing, setEditing] = useState(false);
  const href = safeHref(page.url);
  const name = page.title || page.url;
  return (
    <li
      class={`saved-page${selected ? ' selected' : ''}`}
      data-url={page.url}
      tabIndex={focused ? 0 : -1}
      aria-selected={selected}
      onFocus={(e) => { if (e.target === e.currentTarget) onFocus(); }}
    >
      <div class="row-head">
        <input type="checkbox" class="select" checked={selected} aria-label={`Select ${name}`} onChange={(e) => onSelect(page.url, (e.target as HTMLInputElement).checked)} />
        <h3>{href ? <a href={href} target="_blank" rel="noopener noreferrer">{name}</a> : name}</h3>
      </div>
      <p class="meta">
        {page.site}
        {page.byline ? ` · ${page.byline}` : ''}
        {page.publishedTime ? ` · published ${page.publishedTime.slice(0, 10)}` : ''}
        {` · saved ${formatDate(page.savedAt)}`}
      </p>
      {page.excerpt && <p class="excerpt">{page.excerpt}</p>}
      {page.tags.length > 0 && (
        <ul class="tags" aria-label="Tags">{page.tags.map((t) => <li key={t}>{t}</li>)}</ul>
      )}
      {page.note && !editing && <p class="note">{page.note}</p>}
      {page.entities.length > 0 && (
        <ul class="chips" aria-label="Entities found">
          {page.entities.map((e) => (
            <li key={e.id}>
              <button type="button" class={`chip type-${e.type}`} title={`${TYPE_LABELS[e.type]} · ${e.count} mentions — show every page about ${e.label}`} onClick={() => onPickEntity(e.id)}>
                {e.label}
              </button>
            </li>
          ))}
          {page.entityCount > page.entities.length && <li class="muted">+{page.entityCount - page.entities.length}</li>}
        </ul>
      )}
      {editing ? (
        <Editor page={page} onDone={(patch) => { setEditing(false); if (patch) onEdit(page.url, patch); }} />
      ) : (
        <div class="actions">
          <button type="button" class="edit" onClick={() => setEditing(true)} aria-label={`Edit tags and note of ${name}`}>Tags &amp; note</button>
          <button type="button" class="delete" onClick={() => onDelete(page.url)} aria-label={`Delete ${name}`}>Delete</button>
        </div>
      )}
    </li>
  );
}
