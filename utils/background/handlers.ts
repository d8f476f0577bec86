/**
 * The background's request handlers, as plain functions of their
 * dependencies so they can be tested without a browser.
 */
import type { EntityRecord, EntityType, Manifest } from '../dataset/schema';
import { getEntityRecord, getEntityRecords, readStatus } from '../db/dataset-store';
import type { DossierDb } from '../db/database';
import { listPages, pagesMentioning } from '../db/pages-store';
import { ImportError, parseImport } from '../library/import';
import { annotateTexts, type NameIndex } from '../matcher';
import type { AlternativeView, BackgroundRequests, EntityView, IndexLoad, RelatedView } from '../messages';
import { addRule, removeRule, rulesForSite } from '../rules';
import { sanitizeSettings, type Settings } from '../settings';
import { ImportUploads } from './import-uploads';
import { LibraryService } from './library-service';

export interface HandlerDeps {
  db: DossierDb;
  index: () => Promise<NameIndex>;
  manifest: () => Promise<Manifest | null>;
  readSettings: () => Promise<Settings>;
  writeSettings: (s: Settings) => Promise<void>;
  /** Records being installed right now: served while the database is still filling (first run). */
  pendingRecord?: (id: string) => EntityRecord | undefined;
  /** Resolves when the dataset install now running has its records in memory (at once when none runs). */
  recordsLoading?: () => Promise<unknown>;
  /** How the name index opened in this worker (diagnostics in datasetStatus). */
  indexLoad?: () => IndexLoad | undefined;
  now?: () => number;
  /** The saved pages with their search index; made from db when not given. */
  library?: LibraryService;
  uploads?: ImportUploads;
}

export type Handlers = { [K in keyof BackgroundRequests]: (req: BackgroundRequests[K]['req']) => Promise<BackgroundRequests[K]['res']> };

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db } = deps;
  const library = deps.library ?? new LibraryService(db, { now: deps.now });
  const uploads = deps.uploads ?? new ImportUploads();
  // Settings are read, changed and written back: one change at a time, so two quick
  // corrections (or a correction and a switch in the popup) never overwrite each other.
  let settingsQueue: Promise<unknown> = Promise.resolve();
  const changeSettings = (change: (current: Settings) => Settings): Promise<Settings> => {
    const run = settingsQueue.then(async () => {
      const next = change(await deps.readSettings());
      await deps.writeSettings(next);
      return next;
    });
    settingsQueue = run.catch(() => {});
    return run;
  };
  return {
    async annotate({ texts, context, site }) {
      const index = await deps.index();
      const settings = await deps.readSettings();
      const rules = rulesForSite(settings.rules, site);
      const entities: AlternativeView[] = [];
      const row = new Map<number, number>(); // entity → its row in `entities`
      const rowOf = (n: number): number => {
        let r = row.get(n);
        if (r === undefined) {
          const e = index.entity(n);
          row.set(n, (r = entities.length));
          entities.push({ id: e.id, label: e.label, type: e.type });
        }
        return r;
      };
      const marks: number[] = [];
      for (const m of annotateTexts(index, texts, { context, rules })) {
        if (!settings.types[index.type(m.entity)]) continue;
        const alternatives = m.alternatives.filter((a) => settings.types[index.type(a)]);
        marks.push(m.seg, m.start, m.end, rowOf(m.entity), Math.round(m.confidence * 1000), alternatives.length);
        for (const a of alternatives) marks.push(rowOf(a));
      }
      return { entities, marks, datasetVersion: index.datasetVersion };
    },

    async getEntity({ id, also }) {
      let record = (await getEntityRecord(db, id)) ?? deps.pendingRecord?.(id);
      if (!record && deps.recordsLoading) {
        // First run: the records are still being read from the package; a moment's wait beats "not available".
        await deps.recordsLoading();
        record = (await getEntityRecord(db, id)) ?? deps.pendingRecord?.(id);
      }
      if (!record) return null;
      // Related entities and the other meanings asked for, in one read.
      const wanted = [...record.related.slice(0, 12), ...(also ?? [])];
      const relatedRecords = await getEntityRecords(db, wanted);
      for (const rid of wanted) {
        const pending = relatedRecords.has(rid) ? undefined : deps.pendingRecord?.(rid);
        if (pending) relatedRecords.set(rid, pending);
      }
      const viewsOf = (ids: readonly string[]): RelatedView[] =>
        ids
          .map((rid) => relatedRecords.get(rid))
          .filter((r): r is NonNullable<typeof r> => r !== undefined)
          .map((r) => ({ id: r.id, label: r.label, type: r.type as EntityType, description: r.description }));
      const related = viewsOf(record.related.slice(0, 12));
      const pages = await pagesMentioning(db, id, 5);
      const savedCount = pages.length < 5 ? pages.length : await db.pages.where('entityIds').equals(id).count();
      const view: EntityView = { record, related, savedPages: pages.map((p) => ({ url: p.url, title: p.title })), savedCount };
      if (also?.length) view.alternatives = viewsOf(also);
      return view;
    },

    savePage: (input) => library.save(input),
    listPages: () => listPages(db),
    async deletePage({ url }) {
      return { deleted: (await library.remove([url])).length > 0 };
    },
    getSettings: () => deps.readSettings(),
    setSettings: (patch) => changeSettings((current) => sanitizeSettings(patch, current)),
    addRule: ({ rule }) => changeSettings((current) => ({ ...current, rules: addRule(current.rules, { ...rule, created: deps.now?.() ?? Date.now() }) })),
    removeRule: ({ key }) => changeSettings((current) => ({ ...current, rules: removeRule(current.rules, key) })),
    datasetStatus: async () => ({ ...(await readStatus(db)), indexLoad: deps.indexLoad?.() }),
    getManifest: () => deps.manifest(),

    async isSaved({ url }) {
      return { saved: await library.isSaved(url) };
    },
    queryLibrary: (q) => library.query(q),
    libraryEntities: ({ limit, type }) => library.overview(limit ?? 100, type),
    updatePage: ({ url, ...patch }) => library.update(url, patch),
    async deletePages({ urls }) {
      return { deleted: await library.remove(urls) };
    },
    async restorePages({ pages }) {
      const r = await library.write(pages, 'replace', 'restore');
      return { restored: r.added + r.updated };
    },
    exportPages: ({ urls, offset, limit }) => library.exportSlice(urls, offset, limit),
    async importStart() {
      return { uploadId: uploads.start() };
    },
    async importChunk({ uploadId, seq, data }) {
      return { bytes: uploads.append(uploadId, seq, data) };
    },
    async importFinish({ uploadId, format }) {
      const text = uploads.finish(uploadId);
      // Parsed and validated in full before anything is written; the write is one transaction.
      let parsed;
      try {
        parsed = parseImport(text, format);
      } catch (err) {
        if (err instanceof ImportError) throw new Error(err.message);
        throw err;
      }
      const report = await library.importParsed(parsed);
      return { format: parsed.format, ...report };
    },
  };
}
