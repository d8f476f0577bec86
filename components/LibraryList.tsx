/**
 * The result list, keyboard navigable: one page at a time is in the tab
 * order (roving focus); ↑/↓ (or j/k), Home/End move between pages, Space
 * selects, Enter opens the original, e edits tags and note, Delete deletes
 * the page (or the selection); Tab reaches a page's links and buttons.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageSummary } from '../utils/library/types';
import { LibraryItem, safeHref } from './LibraryItem';

export interface LibraryListProps {
  pages: PageSummary[];
  total: number;
  selected: ReadonlySet<string>;
  onSelect: (url: string, on: boolean) => void;
  onDelete: (urls: string[]) => void;
  onEdit: (url: string, patch: { tags: string[]; note: string }) => void;
  onPickEntity: (id: string) => void;
  onMore: () => void;
  onOpen: (url: string) => void;
  label: string;
}

export function LibraryList(p: LibraryListProps) {
  const [cursor, setCursor] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const at = Math.min(cursor, Math.max(0, p.pages.length - 1));
  useEffect(() => { if (cursor !== at) setCursor(at); }, [at, cursor]);

  const focusItem = (i: number) => {
    setCursor(i);
    (list.current?.children[i] as HTMLElement | undefined)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // Keys typed into the editor's fields are text, not commands.
    if (target.closest('input:not([type=checkbox]), textarea, select, form')) return;
    const page = p.pages[at];
    if (!page) return;
    const handled = () => { e.preventDefault(); e.stopPropagation(); };
    switch (e.key) {
      case 'ArrowDown': case 'j': handled(); focusItem(Math.min(at + 1, p.pages.length - 1)); break;
      case 'ArrowUp': case 'k': handled(); focusItem(Math.max(at - 1, 0)); break;
      case 'Home': handled(); focusItem(0); break;
      case 'End': handled(); focusItem(p.pages.length - 1); break;
      case ' ': if (target.tagName === 'BUTTON' || target.tagName === 'A') return; handled(); p.onSelect(page.url, !p.selected.has(page.url)); break;
      case 'Enter': if (target.tagName === 'BUTTON' || target.tagName === 'A') return; handled(); if (safeHref(page.url)) p.onOpen(page.url); break;
      case 'Delete': case 'Backspace': handled(); p.onDelete(p.selected.size > 0 ? [...p.selected] : [page.url]); break;
      case 'e': handled(); (list.current?.children[at]?.querySelector('button.edit') as HTMLElement | null)?.click(); break;
    }
  };

  return (
    <section class="results" aria-label={p.label}>
      <ul class="pages" ref={list} role="listbox" aria-multiselectable="true" aria-label={p.label} onKeyDown={onKeyDown}>
        {p.pages.map((page, i) => (
          <LibraryItem
            key={page.url}
            page={page}
            selected={p.selected.has(page.url)}
            focused={i === at}
            onFocus={() => setCursor(i)}
            onSelect={p.onSelect}
            onDelete={(url) => p.onDelete([url])}
            onEdit={p.onEdit}
            onPickEntity={p.onPickEntity}
          />
        ))}
      </ul>
      {p.pages.length < p.total && (
        <button type="button" class="more" onClick={p.onMore}>Show more ({p.total - p.pages.length} left)</button>
      )}
    </section>
  );
}
