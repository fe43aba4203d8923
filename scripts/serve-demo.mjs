// `npm run demo:web`: serves the browser demo (demo/) and the built package (dist/) on
// 127.0.0.1, building dist/ first when it is missing or older than its sources.
// demo/app.js imports '../dist/index.js', so both directories sit side by side under /.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';

ensureBuilt({ keepOld: true });

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
// Only these two directories are reachable, whatever the URL says.
const MOUNTS = { '/demo/': join(root, 'demo') + sep, '/dist/': join(root, 'dist') + sep };

const server = createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return res.writeHead(400).end();
  }
  if (path === '/' || path === '/demo') return res.writeHead(302, { Location: '/demo/' }).end();
  if (path.endsWith('/')) path += 'index.html';
  const mount = Object.keys(MOUNTS).find((m) => path.startsWith(m));
  const file = mount && normalize(join(MOUNTS[mount], path.slice(mount.length)));
  if (!mount || !file.startsWith(MOUNTS[mount])) return res.writeHead(404).end('not found');
  try {
    const body = await readFile(file);
    // no-store: after a rebuild, a reload gets the new dist/ rather than a cached one.
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});

function listen(port) {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok(server.address().port);
    });
  });
}

const wanted = Number(process.env.PORT) || 5173;
let port;
try {
  port = await listen(wanted);
} catch (e) {
  if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e;
  port = await listen(0); // any free port
  console.log(`port ${wanted} is taken; using ${port}`);
}
console.log(`infodiv demo: http://127.0.0.1:${port}/demo/  (Ctrl+C to stop)`);
