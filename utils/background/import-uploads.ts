/**
 * Import files arrive from the library page in pieces: one runtime message
 * is limited in size (Chrome: 64 MiB, and it is JSON-serialized on the way),
 * and a library export with its texts can be larger. Pieces are kept here
 * until the last one; then the whole text is parsed and validated. An upload
 * that stalls is dropped after a minute; nothing is written before the end.
 */
import { MAX_IMPORT_BYTES } from '../library/schema';

interface Upload { parts: string[]; bytes: number; touched: number }

const STALE_MS = 60_000;
const MAX_UPLOADS = 4;

export class ImportUploads {
  private uploads = new Map<string, Upload>();
  private counter = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private sweep(): void {
    const t = this.now();
    for (const [id, u] of this.uploads) if (t - u.touched > STALE_MS) this.uploads.delete(id);
  }

  start(): string {
    this.sweep();
    if (this.uploads.size >= MAX_UPLOADS) throw new Error('too many imports at once; try again in a minute');
    const id = `u${++this.counter}-${this.now().toString(36)}`;
    this.uploads.set(id, { parts: [], bytes: 0, touched: this.now() });
    return id;
  }

  /** Appends piece `seq` (0-based, in order). */
  append(id: string, seq: number, data: string): number {
    const u = this.uploads.get(id);
    if (!u) throw new Error('this import was interrupted (the upload expired); please try again');
    if (seq !== u.parts.length) { this.uploads.delete(id); throw new Error('the import file arrived out of order; please try again'); }
    u.bytes += data.length;
    if (u.bytes > MAX_IMPORT_BYTES) { this.uploads.delete(id); throw new Error('This file is too large to import.'); }
    u.parts.push(data);
    u.touched = this.now();
    return u.bytes;
  }

  /** The whole text, and the upload forgotten. */
  finish(id: string): string {
    const u = this.uploads.get(id);
    if (!u) throw new Error('this import was interrupted (the upload expired); please try again');
    this.uploads.delete(id);
    return u.parts.join('');
  }

  cancel(id: string): void {
    this.uploads.delete(id);
  }
}
