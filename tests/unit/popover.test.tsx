// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';

afterEach(cleanup);
import { Popover } from '../../components/Popover';
import type { EntityView } from '../../utils/messages';

const view: EntityView = {
  record: {
    id: 'Q312644', label: 'Eric Holder', aliases: ['Eric H. Holder Jr.'], type: 'person', kind: 'minister',
    description: 'American lawyer; Attorney General of the United States (2009–2015).',
    facts: [{ key: 'office', value: 'Attorney General of the United States', start: '2009-02-03', end: '2015-04-27' }],
    wikipedia: 'Eric Holder', related: ['Q30'], sources: ['fivethirtyeight-cabinet'], asOf: '2023-02-13', prior: 0.7,
  },
  related: [{ id: 'Q30', label: 'United States', type: 'place' }],
  savedPages: [{ url: 'https://news.example/a', title: 'Earlier story' }],
  savedCount: 1,
};
const mention = { id: 'Q312644', label: 'Eric Holder', type: 'person' as const, text: 'Eric Holder' };

describe('Popover', () => {
  it('shows who the entity is: name, type, description, dated facts, other names, related, links', () => {
    render(<Popover mention={mention} view={view} site="news.example" onCorrect={() => {}} saveState="idle" onSave={() => {}} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Eric Holder' });
    expect(dialog.textContent).toContain('Person');
    expect(dialog.textContent).toContain('Attorney General of the United States (2009–2015)');
    expect(dialog.textContent).toContain('Eric H. Holder Jr.');
    expect(dialog.textContent).toContain('United States');
    expect(dialog.textContent).toContain('In your library: 1 article');
    expect(dialog.textContent).toContain('as of 2023-02-13');
    expect(screen.getByRole('link', { name: 'Wikipedia' }).getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Eric_Holder');
  });

  it('links a record without an article title to a Wikipedia search by its name and description', () => {
    const town = { ...view, record: { ...view.record, id: 'geonames:1', label: 'Dome', type: 'place' as const, kind: 'city', description: 'City in Ghana (population 120,000).', wikipedia: undefined } };
    render(<Popover mention={{ ...mention, id: 'geonames:1', label: 'Dome', type: 'place', text: 'Dome' }} view={town} site="news.example" onCorrect={() => {}} saveState="idle" onSave={() => {}} onClose={() => {}} />);
    expect(screen.queryByRole('link', { name: 'Wikipedia' })).toBeNull();
    const href = screen.getByRole('link', { name: 'Search Wikipedia' }).getAttribute('href')!;
    expect(new URL(href).searchParams.get('search')).toBe('Dome City in Ghana');
  });

  it('closes on Escape and saves on the button', () => {
    const onClose = vi.fn();
    const onSave = vi.fn();
    render(<Popover mention={mention} view={view} site="news.example" onCorrect={() => {}} saveState="idle" onSave={onSave} onClose={onClose} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Save page' }));
    expect(onSave).toHaveBeenCalledOnce();
  });

  it('renders markup in data as text, never as HTML', () => {
    const hostile = { ...view, record: { ...view.record, label: '<img src=x onerror=alert(1)>', description: '<script>alert(1)</script>' } };
    const { container } = render(<Popover mention={mention} view={hostile} site="news.example" onCorrect={() => {}} saveState="idle" onSave={() => {}} onClose={() => {}} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
  });

  it('shows loading before the record arrives', () => {
    render(<Popover mention={mention} view={undefined} site="news.example" onCorrect={() => {}} saveState="idle" onSave={() => {}} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'Eric Holder' }).textContent).toContain('Loading');
  });

  it('offers the other meanings of an ambiguous name and says which one the reader picks', () => {
    const onCorrect = vi.fn();
    const ambiguous = { ...mention, text: 'Holder', alternatives: [{ id: 'Q1', label: 'Holder (band)', type: 'organization' as const }] };
    render(<Popover mention={ambiguous} site="news.example" onCorrect={onCorrect} view={view} saveState="idle" onSave={() => {}} onClose={() => {}} />);
    expect(screen.getByRole('list', { name: '“Holder” could also be' }).textContent).toContain('Holder (band)');
    fireEvent.click(screen.getByRole('button', { name: /Holder \(band\)/ }));
    expect(onCorrect).toHaveBeenCalledWith({ kind: 'choose', entity: 'Q1', entityLabel: 'Holder (band)' });
  });

  it('has the three corrections for a wrong match, then the notice with its undo in their place', () => {
    const onCorrect = vi.fn();
    const { rerender } = render(<Popover mention={mention} site="news.example" onCorrect={onCorrect} view={view} saveState="idle" onSave={() => {}} onClose={() => {}} />);
    expect(screen.queryByText(/could also be/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Not Eric Holder: “Eric Holder” means something else on news.example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Don’t mark “Eric Holder” on news.example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Never mark Eric Holder' }));
    expect(onCorrect.mock.calls.map((c) => c[0].kind)).toEqual(['notThis', 'muteName', 'muteEntity']);
    const onUndo = vi.fn();
    rerender(<Popover mention={mention} site="news.example" onCorrect={onCorrect} notice={{ text: 'Eric Holder is no longer marked anywhere.', onUndo }} view={view} saveState="idle" onSave={() => {}} onClose={() => {}} />);
    expect(screen.getByRole('status').textContent).toContain('no longer marked anywhere');
    expect(screen.queryByRole('button', { name: 'Never mark Eric Holder' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalledOnce();
  });
});
