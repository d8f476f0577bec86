/** Saved pages: one record per canonical URL; re-saving updates it. */
import type { SavedPage, SavePageInput } from '../pages';
import type { DossierDb, StoredPage } from './database';

function toSaved({ entityIds: _ids, ...page }: StoredPage): SavedPage {
  return page;
}

export async function savePage(db: DossierDb, input: SavePageInput, now = Date.now()): Promise<SavedPage> {
  return db.transaction('rw', db.pages, async () => {
    const existing = await db.pages.get(input.url);
    const page: SavedPage = {
      ...input,
      savedAt: now,
      // A re-save keeps what the reader wrote unless new values are given.
      tags: input.tags ?? existing?.tags ?? [],
      note: input.note ?? existing?.note ?? '',
    };
    await db.pages.put({ ...page, entityIds: page.entities.map((e) => e.id) });
    return page;
  });
}

export async function listPages(db: DossierDb): Promise<SavedPage[]> {
  return (await db.pages.orderBy('savedAt').reverse().toArray()).map(toSaved);
}

export async function deletePage(db: DossierDb, url: string): Promise<boolean> {
  return db.transaction('rw', db.pages, async () => {
    const had = (await db.pages.get(url)) !== undefined;
    await db.pages.delete(url);
    return had;
  });
}

/** Saved pages that mention an entity, newest first. */
export async function pagesMentioning(db: DossierDb, entityId: string, limit = 5): Promise<SavedPage[]> {
  const rows = await db.pages.where('entityIds').equals(entityId).toArray();
  return rows.sort((a, b) => b.savedAt - a.savedAt).slice(0, limit).map(toSaved);
}
