/**
 * The entity view: the entities most present in the library (by pages that
 * mention them), and, for the one chosen, every saved page that mentions
 * it, newest first.
 */
import { ENTITY_TYPES, type EntityType } from '../utils/dataset/schema';
import type { EntityOverview } from '../utils/library/types';
import { formatDate, TYPE_LABELS } from './format';

export interface LibraryEntitiesProps {
  overview: EntityOverview | null;
  type?: EntityType;
  chosen?: string;
  onType: (t: EntityType | undefined) => void;
  onChoose: (id: string) => void;
}

export function LibraryEntities({ overview, type, chosen, onType, onChoose }: LibraryEntitiesProps) {
  return (
    <section class="entity-overview" aria-label="Entities in your library">
      <label class="row">
        <span>Show</span>
        <select name="overviewType" value={type ?? ''} onChange={(e) => onType(((e.target as HTMLSelectElement).value || undefined) as EntityType | undefined)}>
          <option value="">All types</option>
          {ENTITY_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
        </select>
      </label>
      {!overview && <p class="muted">Loading…</p>}
      {overview && overview.entities.length === 0 && <p class="muted">No entities in your saved pages yet.</p>}
      {overview && overview.entities.length > 0 && (
        <ol class="top-entities">
          {overview.entities.map((e) => (
            <li key={e.id}>
              <button type="button" class={`entity-row type-${e.type}${e.id === chosen ? ' active' : ''}`} aria-pressed={e.id === chosen} onClick={() => onChoose(e.id)}>
                <span class="label">{e.label}</span>
                <span class="muted"> {TYPE_LABELS[e.type]}</span>
                <span class="count" title={`${e.mentions} mentions; last saved ${formatDate(e.lastSavedAt)}`}>{e.count} {e.count === 1 ? 'page' : 'pages'}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
