/**
 * The reader's settings: a typed, versioned record in browser.storage.local.
 * The content script reads it directly (cheap, and it can watch changes);
 * only the background writes it, through the setSettings message.
 */
import { ENTITY_TYPES, type EntityType } from './dataset/schema';
import { sanitizeRules, type Rule } from './rules';

export type HighlightStyle = 'underline' | 'background' | 'dotted';
export type Trigger = 'click' | 'hover';

export interface Settings {
  version: 1;
  enabled: boolean;
  /** Hostnames where Dossier does not run. */
  disabledSites: string[];
  types: Record<EntityType, boolean>;
  style: HighlightStyle;
  trigger: Trigger;
  /** The reader's corrections (utils/rules.ts), newest first. */
  rules: Rule[];
}

export const SETTINGS_KEY = 'settings';

export function defaultSettings(): Settings {
  return {
    version: 1,
    enabled: true,
    disabledSites: [],
    types: Object.fromEntries(ENTITY_TYPES.map((t) => [t, true])) as Record<EntityType, boolean>,
    style: 'underline',
    trigger: 'click',
    rules: [],
  };
}

const STYLES: HighlightStyle[] = ['underline', 'background', 'dotted'];
const TRIGGERS: Trigger[] = ['click', 'hover'];

/** Merges a stored or requested value over the defaults, dropping anything malformed. */
export function sanitizeSettings(raw: unknown, base: Settings = defaultSettings()): Settings {
  const out: Settings = { ...base, types: { ...base.types }, disabledSites: [...base.disabledSites], rules: [...(base.rules ?? [])] };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.enabled === 'boolean') out.enabled = r.enabled;
  if (Array.isArray(r.disabledSites)) {
    out.disabledSites = [...new Set(r.disabledSites.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length < 256))].sort();
  }
  if (r.types && typeof r.types === 'object') {
    for (const t of ENTITY_TYPES) {
      const v = (r.types as Record<string, unknown>)[t];
      if (typeof v === 'boolean') out.types[t] = v;
    }
  }
  if (typeof r.style === 'string' && (STYLES as string[]).includes(r.style)) out.style = r.style as HighlightStyle;
  if (Array.isArray(r.rules)) out.rules = sanitizeRules(r.rules);
  if (typeof r.trigger === 'string' && (TRIGGERS as string[]).includes(r.trigger)) out.trigger = r.trigger as Trigger;
  return out;
}

/** Is Dossier allowed to run on this hostname? */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname);
}
