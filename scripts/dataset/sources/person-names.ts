/**
 * Surname forms of person labels. Only a best-effort form: surnames are
 * SURNAME-flagged, so the matcher uses them alone only after the full name
 * appeared on the page (or anywhere for the PROMINENT few).
 */

/** Family name first in the English label. */
const FAMILY_FIRST = new Set(['CN', 'TW', 'HK', 'MO', 'KR', 'KP', 'KH']);
/** Naming customs where a surname-only form is not how the person is referred to. */
const NO_SURNAME = new Set(['IS', 'ET', 'ER', 'MM', 'ID', 'SO', 'AF']);
/** Two family names: the last two tokens of a 4-token label ("Andrés Manuel López Obrador"). */
const HISPANIC = new Set(['MX', 'ES', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'BO', 'PY', 'UY', 'CU', 'DO', 'GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'PR', 'GQ']);
const PARTICLES = new Set(['da', 'de', 'do', 'dos', 'das', 'van', 'von', 'der', 'den', 'del', 'della', 'di', 'du', 'le', 'la', 'bin', 'al', 'el', 'ibn', 'ben', 'ter', 'zu', 'mac']);
const SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv|v|vi|phd|md|esq\.?|júnior|junior|filho|neto|sobrinho)$/i;

export function surnameOf(label: string, country: string | undefined): string[] {
  const clean = label.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/,.*$/, '').trim();
  const tokens = clean.split(/\s+/).filter((t) => !SUFFIX.test(t));
  if (tokens.length < 2) return [];
  if (country && NO_SURNAME.has(country)) return [];
  if (tokens.some((t) => /^[IVX]+$/.test(t))) return []; // regnal names: "Charles III"
  if (country && FAMILY_FIRST.has(country)) {
    const first = tokens[0]!;
    return /^[A-Z][a-z]+$/.test(first) && first.length >= 2 ? [first] : [];
  }
  const last = tokens[tokens.length - 1]!;
  if (last.length < 2 || last.endsWith('.') || /\d/.test(last)) return [];
  if (country && HISPANIC.has(country)) {
    if (tokens.length === 3 && !PARTICLES.has(tokens[1]!.toLowerCase())) return [];
    if (tokens.length >= 4) return [`${tokens[tokens.length - 2]} ${last}`];
  }
  // Keep particles: "Ursula von der Leyen" → "von der Leyen".
  let i = tokens.length - 1;
  while (i > 1 && PARTICLES.has(tokens[i - 1]!.toLowerCase())) i--;
  return [tokens.slice(i).join(' ')];
}
