/**
 * Receiving a message in the background: check the envelope and the sender,
 * validate the payload, run the handler, and reply `{result}` or `{error}`.
 * Messages that are not ours (other extensions, stray posts) get no reply.
 */
import { CONTENT_SCRIPT_ALLOWED, isEnvelope, validateBackground, ValidationError, type BackgroundRequests, type Reply } from '../messages';
import type { Handlers } from './handlers';

export interface SenderInfo {
  /** Extension id of the sender. */
  id?: string;
  /** URL of the sending document (a page for content scripts, our origin for our pages). */
  url?: string;
}

export interface DispatchContext {
  ownId: string;
  /** e.g. chrome-extension://<id>/ or moz-extension://<uuid>/ */
  ownOrigin: string;
}

export async function dispatch(handlers: Handlers, msg: unknown, sender: SenderInfo, ctx: DispatchContext): Promise<Reply<unknown> | undefined> {
  if (!isEnvelope(msg)) return undefined;
  if (sender.id !== ctx.ownId) return undefined;
  const kind = msg.kind as keyof BackgroundRequests;
  if (!Object.prototype.hasOwnProperty.call(validateBackground, kind)) return { error: `unknown request: ${String(msg.kind).slice(0, 50)}` };
  const fromOwnPage = typeof sender.url === 'string' && sender.url.startsWith(ctx.ownOrigin);
  if (!fromOwnPage && !CONTENT_SCRIPT_ALLOWED.has(kind)) return { error: `${kind} is only allowed from Dossier's own pages` };
  try {
    const payload = validateBackground[kind](msg.payload);
    const handler = handlers[kind] as (p: unknown) => Promise<unknown>;
    return { result: await handler(payload) };
  } catch (err) {
    if (err instanceof ValidationError) return { error: `invalid ${kind} request: ${err.message}` };
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
