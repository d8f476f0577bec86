// A "dead end" HTTP proxy on 127.0.0.1 that records every request a browser sends to it and
// refuses it (403, connection closed). Browsers are configured to send everything that is not
// loopback to it, so nothing leaves the machine and every attempt is visible:
//   - plain HTTP:   "GET http://host/path HTTP/1.1"  -> recorded as the full URL
//   - HTTPS / WSS:  "CONNECT host:443 HTTP/1.1"      -> recorded as https://host/ (the path is
//                    encrypted inside the tunnel, which is never opened, so only host:port is known)
// Nothing is forwarded anywhere.
import { createServer, type Socket, type AddressInfo } from 'node:net';

export interface ProxyRecord {
  /** Full URL (HTTP) or https://host:port/ (CONNECT). */
  url: string;
  host: string;
  method: string;
  time: number;
}

export interface RecordingProxy {
  port: number;
  /** e.g. 127.0.0.1:38211, for proxy settings */
  hostPort: string;
  records(): ProxyRecord[];
  close(): Promise<void>;
}

const REFUSAL =
  'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 43\r\nConnection: close\r\n\r\n' +
  'blocked by the Dossier E2E harness (no net)';

function parseRequestLine(line: string): ProxyRecord | null {
  const m = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?$/.exec(line.trim());
  if (!m) return null;
  const method = m[1]!;
  const target = m[2]!;
  if (method === 'CONNECT') {
    const hm = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    const host = (hm ? hm[1]! : target).toLowerCase();
    const port = hm ? hm[2]! : '443';
    const shown = host.includes(':') ? `[${host}]` : host;
    // A tunnel's scheme is not known; port 80 is a ws:// (or http) tunnel, anything else is shown as https.
    const url = port === '80' ? `http://${shown}/` : `https://${shown}${port === '443' ? '' : ':' + port}/`;
    return { url, host, method, time: Date.now() };
  }
  try {
    const u = new URL(target);
    return { url: u.href, host: u.hostname.replace(/^\[|\]$/g, '').toLowerCase(), method, time: Date.now() };
  } catch {
    return { url: target, host: '', method, time: Date.now() };
  }
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const records: ProxyRecord[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setTimeout(10_000, () => socket.destroy());
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      const eol = buf.indexOf('\n');
      if (eol < 0 && buf.length < 16_384) return;
      socket.off('data', onData);
      const rec = parseRequestLine(eol < 0 ? buf : buf.slice(0, eol));
      if (rec) records.push(rec);
      socket.end(REFUSAL);
      setTimeout(() => socket.destroy(), 200).unref();
    };
    socket.on('data', onData);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hostPort: `127.0.0.1:${port}`,
    records: () => [...records],
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
