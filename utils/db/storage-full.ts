/**
 * The browser's storage for Dossier can run out (a full disk, or the origin's quota). IndexedDB then
 * aborts the write's transaction, so nothing of it lands; what the reader needs is to know that, in
 * words, instead of "QuotaExceededError". Each write path wraps itself with `whenStorageFull`.
 */

/** True for a quota failure however it arrives: the DOMException itself, or Dexie's wrapper of it. */
export function isQuotaError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { name, message, inner } = e as { name?: unknown; message?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    // Older Gecko reports the quota through the aborted transaction's message only.
    if (typeof message === 'string' && /quota|NS_ERROR_DOM_QUOTA_REACHED/i.test(message)) return true;
    e = inner;
  }
  return false;
}

const WHAT: Record<'save' | 'import' | 'edit' | 'restore', string> = {
  save: 'The page was not saved.',
  import: 'Your library is as it was before the import.',
  edit: 'Your change was not saved.',
  restore: 'The pages were not restored.',
};

export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(what: keyof typeof WHAT) {
    super(`The browser has no room left for Dossier's data. ${WHAT[what]} Free some disk space or delete saved pages you no longer need, then try again.`);
  }
}

/** Runs one write; a quota failure becomes a StorageFullError that says what did not happen. */
export async function whenStorageFull<T>(what: keyof typeof WHAT, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError(what);
    throw err;
  }
}
