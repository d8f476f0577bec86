/**
 * The background's request handlers, as plain functions of their
 * dependencies so they can be tested without a browser.
 */
import type { EntityRecord, EntityType, Manifest } from '../dataset/schema';
import { getEntityRecord, getEntityRecords, readStatus } from '../db/dataset-store';
import type { DossierDb } from '../db/database';
import { deletePage, listPages, pagesMentioning, savePage } from '../db/pages-store';
import { annotateTexts, type NameIndex } from '../matcher';
import type { BackgroundRequests, EntityView, WireMention } from '../messages';
import { sanitizeSettings, type Settings } from '../settings';

export interface HandlerDeps {
  db: DossierDb;
  index: () => Promise<NameIndex>;
  manifest: () => Promise<Manifest | null>;
  readSettings: () => Promise<Settings>;
  writeSettings: (s: Settings) => Promise<void>;
  /** Records being installed right now: served while the database is still filling (first run). */
  pendingRecord?: (id: string) => EntityRecord | undefined;
  now?: () => number;
}

export type Handlers = { [K in keyof BackgroundRequests]: (req: BackgroundRequests[K]['req']) => Promise<BackgroundRequests[K]['res']> };

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db } = deps;
  return {
    async annotate({ texts, context }) {
      const index = await deps.index();
      const settings = await deps.readSettings();
      const mentions: WireMention[] = [];
      for (const m of annotateTexts(index, texts, { context })) {
        const e = index.entity(m.entity);
        if (!settings.types[e.type]) continue;
        mentions.push({ seg: m.seg, start: m.start, end: m.end, id: e.id, label: e.label, type: e.type, confidence: m.confidence });
      }
      return { mentions, datasetVersion: index.datasetVersion };
    },

    async getEntity({ id }) {
      const record = (await getEntityRecord(db, id)) ?? deps.pendingRecord?.(id);
      if (!record) return null;
      const relatedRecords = await getEntityRecords(db, record.related.slice(0, 12));
      for (const rid of record.related.slice(0, 12)) {
        const pending = relatedRecords.has(rid) ? undefined : deps.pendingRecord?.(rid);
        if (pending) relatedRecords.set(rid, pending);
      }
      const related = record.related
        .map((rid) => relatedRecords.get(rid))
        .filter((r): r is NonNullable<typeof r> => r !== undefined)
        .map((r) => ({ id: r.id, label: r.label, type: r.type as EntityType, description: r.description }));
      const pages = await pagesMentioning(db, id, 5);
      const view: EntityView = { record, related, savedPages: pages.map((p) => ({ url: p.url, title: p.title })) };
      return view;
    },

    savePage: (input) => savePage(db, input, deps.now?.()),
    listPages: () => listPages(db),
    async deletePage({ url }) {
      return { deleted: await deletePage(db, url) };
    },
    getSettings: () => deps.readSettings(),
    async setSettings(patch) {
      const next = sanitizeSettings(patch, await deps.readSettings());
      await deps.writeSettings(next);
      return next;
    },
    datasetStatus: () => readStatus(db),
    getManifest: () => deps.manifest(),
  };
}
