/**
 * What a valid saved page, export file and Pocket row look like (valibot).
 * Everything that enters the library from a file, or comes back through
 * undo, passes through these first. Unknown keys are dropped (so a hostile
 * "__proto__" never reaches an object of ours); sizes are bounded so a file
 * cannot make one page hold gigabytes.
 */
import * as v from 'valibot';
import { ENTITY_TYPES } from '../dataset/schema';
import { MAX_PAGE_TEXT, type SavedPage } from '../pages';

export const EXPORT_FORMAT = 'dossier-library';
export const EXPORT_VERSION = 1;
export const MAX_IMPORT_PAGES = 100_000;
/** Far above any real export (10k pages with their texts are ~60 MB), far below what would hurt. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

const LATEST_PLAUSIBLE = Date.UTC(2200, 0, 1);

export const WebUrl = v.pipe(
  v.string(),
  v.maxLength(4096, 'is longer than 4096 characters'),
  v.check((s) => { try { const u = new URL(s); return u.protocol === 'http:' || u.protocol === 'https:'; } catch { return false; } }, 'is not an http(s) address'),
);

const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));

// The same bounds as a save (utils/messages.ts): whatever the library can hold, an export can bring back.
export const TagsSchema = v.pipe(v.array(text(100)), v.maxLength(50, 'has more than 50 tags'));
export const NoteSchema = text(20_000);

const EntitySchema = v.object({
  id: text(200),
  label: text(500),
  type: v.picklist(ENTITY_TYPES, 'is not an entity type'),
  count: v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(1, 'is below 1'), v.maxValue(1_000_000, 'is too large')),
});

export const SavedPageSchema = v.object({
  url: WebUrl,
  title: text(2000),
  site: text(500),
  byline: v.optional(text(1000)),
  publishedTime: v.optional(text(100)),
  savedAt: v.pipe(v.number(), v.integer('is not a whole number of milliseconds'), v.minValue(0, 'is before 1970'), v.maxValue(LATEST_PLAUSIBLE, 'is too far in the future')),
  excerpt: text(5000),
  text: text(MAX_PAGE_TEXT),
  entities: v.pipe(v.array(EntitySchema), v.maxLength(5000, 'has more than 5000 entities')),
  tags: TagsSchema,
  note: NoteSchema,
});

export const ExportFileSchema = v.object({
  format: v.literal(EXPORT_FORMAT, `is not "${EXPORT_FORMAT}" (this is not a Dossier library export)`),
  version: v.pipe(v.number(), v.check((n) => n === EXPORT_VERSION, `is not ${EXPORT_VERSION}: this file was written by a newer Dossier`)),
  exportedAt: v.optional(v.string()),
  pages: v.pipe(v.array(SavedPageSchema), v.maxLength(MAX_IMPORT_PAGES, `has more than ${MAX_IMPORT_PAGES} pages`)),
});

/** One issue as a reader can act on it: "pages[3].url is not an http(s) address". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = v.getDotPath(first)?.replace(/\.(\d+)(?=\.|$)/g, '[$1]') ?? 'the file';
  const detail = first.received === 'undefined' ? 'is missing'
    : first.message.startsWith('Invalid') ? `should be ${first.expected ?? 'different'} (got ${first.received})` : first.message;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${path} ${detail}${more}`;
}

const PagesSchema = v.object({ pages: v.pipe(v.array(SavedPageSchema), v.maxLength(MAX_IMPORT_PAGES, `has more than ${MAX_IMPORT_PAGES} pages`)) });

/** Pages sent back for undo; errors read "pages[2].url is …". */
export function validatePages(input: unknown): SavedPage[] {
  const r = v.safeParse(PagesSchema, { pages: input });
  if (!r.success) throw new Error(describeIssues(r.issues));
  return r.output.pages as SavedPage[];
}
