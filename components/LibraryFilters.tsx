/** Filters with counts per value: entity type, entity, site, tag, date range. Props in, callbacks out. */
import { ENTITY_TYPES, type EntityType } from '../utils/dataset/schema';
import type { LibraryFacets, LibraryQuery } from '../utils/library/types';
import { TYPE_LABELS } from './format';

export interface LibraryFiltersProps {
  query: LibraryQuery;
  facets: LibraryFacets | null;
  /** Labels of the entities in the query (they may not be among the facet's top values). */
  entityLabels: Record<string, string>;
  onChange: (patch: Partial<LibraryQuery>) => void;
}

const day = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));
const fromDay = (s: string, endOfDay: boolean) => (s ? Date.parse(`${s}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`) : undefined);

function FacetList({ title, items, active, onPick }: { title: string; items: { value: string; label: string; count: number }[]; active?: string; onPick: (v: string | undefined) => void }) {
  if (items.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{title}</legend>
      <ul>
        {items.map((it) => (
          <li key={it.value}>
            <button type="button" class={`facet-value${it.value === active ? ' active' : ''}`} aria-pressed={it.value === active} onClick={() => onPick(it.value === active ? undefined : it.value)}>
              <span class="label">{it.label}</span> <span class="count">{it.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function LibraryFilters({ query, facets, entityLabels, onChange }: LibraryFiltersProps) {
  const chosen = query.entityIds ?? [];
  const typeCounts = new Map((facets?.types ?? []).map((t) => [t.value, t.count]));
  return (
    <aside class="filters" aria-label="Filters">
      {chosen.length > 0 && (
        <div class="active-filters" aria-label="Entities chosen">
          {chosen.map((id) => (
            <button key={id} type="button" class="chip active" onClick={() => onChange({ entityIds: chosen.filter((x) => x !== id) })} aria-label={`Remove filter ${entityLabels[id] ?? id}`}>
              {entityLabels[id] ?? id} ×
            </button>
          ))}
        </div>
      )}
      <label class="row">
        <span>Entity type</span>
        <select name="entityType" value={query.entityType ?? ''} onChange={(e) => onChange({ entityType: ((e.target as HTMLSelectElement).value || undefined) as EntityType | undefined })}>
          <option value="">Any</option>
          {ENTITY_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]} ({typeCounts.get(t) ?? 0})</option>)}
        </select>
      </label>
      <FacetList
        title="Entities"
        items={(facets?.entities ?? []).filter((e) => !chosen.includes(e.id)).slice(0, 25).map((e) => ({ value: e.id, label: e.label, count: e.count }))}
        onPick={(id) => id && onChange({ entityIds: [...chosen, id] })}
      />
      <FacetList title="Sites" items={(facets?.sites ?? []).slice(0, 20).map((s) => ({ ...s, label: s.value }))} active={query.site} onPick={(site) => onChange({ site })} />
      <FacetList title="Tags" items={(facets?.tags ?? []).slice(0, 30).map((t) => ({ ...t, label: t.value }))} active={query.tag} onPick={(tag) => onChange({ tag })} />
      <fieldset class="facet dates">
        <legend>Date</legend>
        <label class="row">
          <select name="dateField" value={query.dateField ?? 'saved'} onChange={(e) => onChange({ dateField: (e.target as HTMLSelectElement).value as 'saved' | 'published' })}>
            <option value="saved">Saved</option>
            <option value="published">Published</option>
          </select>
        </label>
        <label class="row"><span>From</span><input type="date" name="from" value={day(query.from)} onChange={(e) => onChange({ from: fromDay((e.target as HTMLInputElement).value, false) })} /></label>
        <label class="row"><span>To</span><input type="date" name="to" value={day(query.to)} onChange={(e) => onChange({ to: fromDay((e.target as HTMLInputElement).value, true) })} /></label>
      </fieldset>
    </aside>
  );
}
