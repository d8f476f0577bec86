// @vitest-environment happy-dom
/** The library page's components: page text stays text, keyboard navigation, selection, undo. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryApp, type LibraryProps } from '../../components/LibraryApp';
import type { LibraryResult, PageSummary } from '../../utils/library/types';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

function summary(n: number, over: Partial<PageSummary> = {}): PageSummary {
  return {
    url: `https://news.example/${n}`, title: `Story ${n}`, site: 'news.example', savedAt: 1_700_000_000_000 + n, excerpt: `Excerpt ${n}`,
    tags: [], note: '', entities: [{ id: 'Q1', label: 'Sudan', type: 'place', count: 2 }], entityCount: 1, ...over,
  };
}

function props(items: PageSummary[], over: Partial<LibraryProps> = {}): LibraryProps {
  const result: LibraryResult = {
    total: items.length, librarySize: items.length, items, tookMs: 1,
    facets: { sites: [{ value: 'news.example', count: items.length }], tags: [], types: [{ value: 'place', count: items.length }], entities: [{ id: 'Q1', label: 'Sudan', type: 'place', count: items.length }] },
  };
  const noop = () => {};
  return {
    view: 'pages', query: {}, result, selected: new Set(), undo: null, overview: null, entityLabels: {}, busy: false,
    onView: noop, onQuery: noop, onSelect: noop, onSelectAll: noop, onDelete: noop, onUndo: noop, onEdit: noop, onOpen: noop,
    onMore: noop, onPickEntity: noop, onOverviewType: noop, onExport: noop, onImport: noop, ...over,
  };
}

describe('LibraryApp', () => {
  it('renders titles, notes, tags and excerpts as text, never as markup', () => {
    const { container } = render(<LibraryApp {...props([summary(1, { title: HOSTILE, note: HOSTILE, excerpt: HOSTILE, tags: [HOSTILE], byline: HOSTILE })])} />);
    expect(container.querySelector('img, script:not([src])')).toBeNull();
    expect(container.textContent).toContain(HOSTILE);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('links only to web addresses', () => {
    const { container } = render(<LibraryApp {...props([summary(1, { url: 'javascript:alert(1)' }), summary(2)])} />);
    const hrefs = [...container.querySelectorAll('.saved-page a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://news.example/2']);
  });

  it('moves with the arrow keys, selects with Space, opens with Enter, deletes with Delete', () => {
    const onSelect = vi.fn(), onOpen = vi.fn(), onDelete = vi.fn();
    const { container } = render(<LibraryApp {...props([summary(1), summary(2), summary(3)], { onSelect, onOpen, onDelete })} />);
    const items = () => [...container.querySelectorAll<HTMLElement>('.saved-page')];
    expect(items().map((i) => i.tabIndex)).toEqual([0, -1, -1]);
    items()[0]!.focus();
    fireEvent.keyDown(items()[0]!, { key: 'ArrowDown' });
    expect(items().map((i) => i.tabIndex)).toEqual([-1, 0, -1]);
    expect(document.activeElement).toBe(items()[1]);
    fireEvent.keyDown(items()[1]!, { key: ' ' });
    expect(onSelect).toHaveBeenCalledWith('https://news.example/2', true);
    fireEvent.keyDown(items()[1]!, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith('https://news.example/2');
    fireEvent.keyDown(items()[1]!, { key: 'Delete' });
    expect(onDelete).toHaveBeenCalledWith(['https://news.example/2']);
  });

  it('searches as you type and filters from a facet or an entity chip', () => {
    const onQuery = vi.fn(), onPickEntity = vi.fn();
    render(<LibraryApp {...props([summary(1)], { onQuery, onPickEntity })} />);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search your library' }), { target: { value: 'sud' } });
    expect(onQuery).toHaveBeenCalledWith({ text: 'sud', offset: 0 });
    fireEvent.click(screen.getByRole('button', { name: /news\.example/ }));
    expect(onQuery).toHaveBeenCalledWith({ site: 'news.example' });
    fireEvent.click(screen.getByTitle(/show every page about Sudan/));
    expect(onPickEntity).toHaveBeenCalledWith('Q1');
  });

  it('offers undo after a delete, also with Ctrl+Z', () => {
    const onUndo = vi.fn();
    render(<LibraryApp {...props([summary(1)], { undo: { text: 'Deleted “Story 2”.' }, onUndo })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    expect(onUndo).toHaveBeenCalledTimes(2);
  });

  it('edits tags and note', () => {
    const onEdit = vi.fn();
    const { container } = render(<LibraryApp {...props([summary(1, { tags: ['old'] })], { onEdit })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit tags and note of Story 1' }));
    fireEvent.input(container.querySelector('input[name=tags]')!, { target: { value: 'a, b ,, c' } });
    fireEvent.input(container.querySelector('textarea[name=note]')!, { target: { value: 'my note' } });
    fireEvent.submit(container.querySelector('form.editor')!);
    expect(onEdit).toHaveBeenCalledWith('https://news.example/1', { tags: ['a', 'b', 'c'], note: 'my note' });
  });
});
