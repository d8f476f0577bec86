/**
 * Sending requests across the extension: from content scripts and pages to
 * the background, and from the popup/background to a tab's content script.
 * Replies are unwrapped; an `{error}` reply becomes a thrown Error.
 */
import { browser } from 'wxt/browser';
import { envelope, type BackgroundRequests, type ContentRequests, type Reply } from './messages';

type Req<M, K extends keyof M> = M[K] extends { req: infer R } ? R : never;
type Res<M, K extends keyof M> = M[K] extends { res: infer R } ? R : never;

function unwrap<T>(reply: unknown, kind: string): T {
  if (!reply || typeof reply !== 'object') throw new Error(`no reply to ${kind}`);
  const r = reply as Reply<T>;
  if ('error' in r) throw new Error(r.error);
  return r.result;
}

export async function askBackground<K extends keyof BackgroundRequests & string>(kind: K, payload: Req<BackgroundRequests, K>): Promise<Res<BackgroundRequests, K>> {
  const reply = await browser.runtime.sendMessage(envelope<BackgroundRequests, K>(kind, payload));
  return unwrap(reply, kind);
}

export async function askTab<K extends keyof ContentRequests & string>(tabId: number, kind: K, payload: Req<ContentRequests, K>): Promise<Res<ContentRequests, K>> {
  const reply = await browser.tabs.sendMessage(tabId, envelope<ContentRequests, K>(kind, payload));
  return unwrap(reply, kind);
}
