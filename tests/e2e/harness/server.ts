// Static fixture server for E2E tests: 127.0.0.1, a free port chosen by the OS.
//   /seed/*   -> <shared>/fixtures/seed/*
//   /pages/*  -> <shared>/fixtures/pages/*
//   anything registered with addPage() (in memory; wins over files)
// .html is always served as `text/html; charset=utf-8` (three fixture pages lack a meta charset).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { sharedDir } from './paths';

export interface FixtureServer {
  /** e.g. http://127.0.0.1:43121 (no trailing slash) */
  origin: string;
  port: number;
  /** Absolute URL for a path on this server: server.url('/seed/article.html'). */
  url(path: string): string;
  /**
   * Register (or replace) an in-memory page; contentType defaults from the extension (.html -> UTF-8 HTML).
   * `headers`: extra response headers for this page (e.g. Content-Security-Policy).
   */
  addPage(path: string, body: string | Buffer, contentType?: string, headers?: Record<string, string>): string;
  removePage(path: string): void;
  /** Paths requested so far (path + query), in order. */
  requests(): string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function contentTypeFor(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface ServerOptions {
  /** Defaults to sharedDir() (../shared beside the repo, or env DOSSIER_SHARED). */
  shared?: string;
  /** Extra response headers for every file served from the mounts (e.g. a CSP), by decoded pathname. */
  headers?: (pathname: string) => Record<string, string> | undefined;
}

export async function startServer(opts: ServerOptions = {}): Promise<FixtureServer> {
  const shared = opts.shared ?? sharedDir();
  const mounts: Array<[string, string]> = [
    ['/seed/', resolve(shared, 'fixtures', 'seed')],
    ['/pages/', resolve(shared, 'fixtures', 'pages')],
  ];
  const pages = new Map<string, { body: Buffer; type: string; headers?: Record<string, string> }>();
  const log: string[] = [];
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, status: number, type: string, body: Buffer | string, head = false, extra?: Record<string, string>) => {
    res.writeHead(status, {
      ...extra,
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(head ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawUrl = req.url ?? '/';
    log.push(rawUrl);
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain', 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(rawUrl, 'http://127.0.0.1').pathname);
    } catch {
      return send(res, 400, 'text/plain', 'bad url');
    }
    const page = pages.get(pathname);
    if (page) return send(res, 200, page.type, page.body, head, page.headers);
    for (const [prefix, root] of mounts) {
      if (!pathname.startsWith(prefix)) continue;
      let file = resolve(root, '.' + pathname.slice(prefix.length - 1));
      if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'text/plain', 'forbidden');
      try {
        const st = await stat(file);
        if (st.isDirectory()) {
          file = resolve(file, 'index.html');
          await stat(file);
        }
        return send(res, 200, contentTypeFor(file), await readFile(file), head, opts.headers?.(pathname));
      } catch {
        return send(res, 404, 'text/plain; charset=utf-8', `not found: ${pathname}`);
      }
    }
    return send(res, 404, 'text/plain; charset=utf-8', `not found: ${pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(err));
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const norm = (p: string) => (p.startsWith('/') ? p : '/' + p);

  return {
    origin,
    port,
    url: (path) => origin + norm(path),
    addPage(path, body, contentType, headers) {
      const p = norm(path);
      pages.set(p, { body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), type: contentType ?? contentTypeFor(p), headers });
      return origin + p;
    },
    removePage: (path) => void pages.delete(norm(path)),
    requests: () => [...log],
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
