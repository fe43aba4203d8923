// A static file server on 127.0.0.1 (free port) for the page tests. The first path
// segment picks the response headers, so one set of files is served under each policy:
// /plain/…, /strict/… (CSP forbidding WebAssembly), /wasm/… (CSP allowing it), …
// The rest of the path is looked up in `mounts` (URL prefix → directory).
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export const POLICIES: Record<string, Record<string, string>> = {
  plain: {},
  // No 'wasm-unsafe-eval': WebAssembly compilation is forbidden; blob: workers too,
  // since worker-src falls back to script-src.
  strict: { 'Content-Security-Policy': "script-src 'self'" },
  wasm: { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" },
  // Strict pages that still allow Blob-URL workers (what a site using { threads } needs).
  'strict-blob': { 'Content-Security-Policy': "script-src 'self'; worker-src 'self' blob:" },
  // Cross-origin isolated: SharedArrayBuffer exists, so { threads } shares its input.
  isolated: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
};

export interface StaticServer {
  /** http://127.0.0.1:port */
  origin: string;
  close(): Promise<void>;
}

export async function serve(mounts: Record<string, string>): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, policy = '', ...rest] = path.split('/');
    const headers = POLICIES[policy];
    const sub = '/' + rest.join('/');
    const mount = Object.keys(mounts).find((m) => sub.startsWith(m));
    const file = mount && normalize(join(mounts[mount]!, sub.slice(mount.length)));
    // Nothing outside the mounted directories, whatever the path says.
    if (!headers || !mount || !file || !file.startsWith(normalize(mounts[mount]!))) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
