/** The popup: switches, style, "Save this page", entities on the page, dataset status. */
import { ENTITY_TYPES, type EntityType } from '../utils/dataset/schema';
import type { DatasetStatus } from '../utils/messages';
import type { PageEntity } from '../utils/pages';
import { ruleKey, type Rule } from '../utils/rules';
import type { HighlightStyle, Settings, Trigger } from '../utils/settings';
import { TYPE_LABELS } from './format';

export interface PopupProps {
  settings: Settings | null;
  /** Hostname of the page in the active tab, or null when Dossier cannot run there. */
  hostname: string | null;
  entities: PageEntity[] | null;
  status: DatasetStatus | null;
  saveState: 'idle' | 'saving' | 'saved' | 'error';
  message?: string;
  onChange: (patch: Partial<Settings>) => void;
  onSave: () => void;
  onPickEntity: (id: string) => void;
  /** Undo of a correction; `key` is ruleKey(rule). */
  onRemoveRule: (key: string) => void;
  libraryUrl: string;
  aboutUrl: string;
}

const STYLE_LABELS: Record<HighlightStyle, string> = { underline: 'Underline', background: 'Background', dotted: 'Dotted underline' };
const TRIGGER_LABELS: Record<Trigger, string> = { click: 'Click', hover: 'Hover' };

/** A correction in words, as the popup lists it. */
export function describeRule(r: Rule): string {
  const what = r.entityLabel ?? r.entity ?? '';
  switch (r.kind) {
    case 'notThis': return `“${r.name}” is not ${what} on ${r.site}`;
    case 'choose': return `“${r.name}” means ${what} on ${r.site}`;
    case 'muteName': return `“${r.name}” is not marked on ${r.site}`;
    case 'muteEntity': return `${what} is never marked`;
  }
}

function statusText(s: DatasetStatus | null): string {
  if (!s) return 'Checking the dataset…';
  if (s.state === 'ready') return `Dataset ${s.version ?? ''} ready · ${s.entities.toLocaleString()} entities`;
  if (s.state === 'updating') return `Installing the dataset… ${Math.round(s.progress * 100)}%`;
  if (s.state === 'failed') return `Dataset install failed: ${s.error ?? 'unknown error'}`;
  return 'The dataset is not installed yet.';
}

export function PopupApp(p: PopupProps) {
  const s = p.settings;
  const siteOn = !!s && !!p.hostname && !s.disabledSites.includes(p.hostname);
  return (
    <main class="popup">
      <header>
        <h1>Dossier</h1>
        {s && (
          <label class="switch">
            <input type="checkbox" checked={s.enabled} onChange={(e) => p.onChange({ enabled: (e.target as HTMLInputElement).checked })} />
            <span>{s.enabled ? 'On' : 'Off'}</span>
          </label>
        )}
      </header>

      {s && p.hostname && (
        <label class="row">
          <input
            type="checkbox"
            name="site"
            checked={siteOn}
            disabled={!s.enabled}
            onChange={(e) => {
              const on = (e.target as HTMLInputElement).checked;
              const others = s.disabledSites.filter((h) => h !== p.hostname);
              p.onChange({ disabledSites: on ? others : [...others, p.hostname!] });
            }}
          />
          <span>Mark entities on <strong>{p.hostname}</strong></span>
        </label>
      )}
      {!p.hostname && <p class="muted">Dossier does not run on this page.</p>}

      {p.hostname && (
        <div class="save-row">
          <button type="button" class="primary" onClick={p.onSave} disabled={p.saveState === 'saving'}>
            {p.saveState === 'saved' ? 'Saved ✓' : p.saveState === 'saving' ? 'Saving…' : 'Save this page'}
          </button>
          {p.message && <span role="status" class={p.saveState === 'error' ? 'error' : 'muted'}>{p.message}</span>}
        </div>
      )}

      {p.entities && (
        <section aria-labelledby="on-page">
          <h2 id="on-page">On this page ({p.entities.length})</h2>
          {p.entities.length === 0 ? <p class="muted">No entities marked.</p> : (
            <ul class="entities">
              {p.entities.slice(0, 60).map((e) => (
                <li key={e.id}>
                  <button type="button" class={`entity type-${e.type}`} onClick={() => p.onPickEntity(e.id)}>
                    <span>{e.label}</span><span class="count" aria-label={`${e.count} mentions`}>{e.count}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {s && s.rules.length > 0 && (
        <details class="rules">
          <summary>Your corrections ({s.rules.length})</summary>
          <ul>
            {s.rules.map((r) => {
              const key = ruleKey(r);
              const text = describeRule(r);
              return (
                <li key={key}>
                  <span>{text}</span>
                  <button type="button" class="link" aria-label={`Undo: ${text}`} onClick={() => p.onRemoveRule(key)}>Undo</button>
                </li>
              );
            })}
          </ul>
        </details>
      )}

      {s && (
        <details>
          <summary>Settings</summary>
          <fieldset>
            <legend>Mark these types</legend>
            {ENTITY_TYPES.map((t: EntityType) => (
              <label class="row" key={t}>
                <input type="checkbox" name={`type-${t}`} checked={s.types[t]} onChange={(e) => p.onChange({ types: { ...s.types, [t]: (e.target as HTMLInputElement).checked } })} />
                <span>{TYPE_LABELS[t]}</span>
              </label>
            ))}
          </fieldset>
          <label class="row">
            <span>Highlight style</span>
            <select name="style" value={s.style} onChange={(e) => p.onChange({ style: (e.target as HTMLSelectElement).value as HighlightStyle })}>
              {(Object.keys(STYLE_LABELS) as HighlightStyle[]).map((k) => <option value={k} key={k}>{STYLE_LABELS[k]}</option>)}
            </select>
          </label>
          <label class="row">
            <span>Open details on</span>
            <select name="trigger" value={s.trigger} onChange={(e) => p.onChange({ trigger: (e.target as HTMLSelectElement).value as Trigger })}>
              {(Object.keys(TRIGGER_LABELS) as Trigger[]).map((k) => <option value={k} key={k}>{TRIGGER_LABELS[k]}</option>)}
            </select>
          </label>
        </details>
      )}

      <footer>
        <p class="status" role="status">{statusText(p.status)}</p>
        <nav>
          <a href={p.libraryUrl} target="_blank" rel="noopener">Library</a>
          <a href={p.aboutUrl} target="_blank" rel="noopener">About</a>
        </nav>
      </footer>
    </main>
  );
}
