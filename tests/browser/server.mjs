// A tiny static file server for the browser tests: no dependencies, loopback only.
//
// It serves one folder (a built site) under a path prefix such as "/" or "/sociale-staat/",
// the way a plain web server would: a directory URL serves its index.html, a directory URL
// without its trailing slash is redirected to it, and anything that does not exist gets the
// site's own 404.html with status 404. With `csp: true` every response carries
// `Content-Security-Policy: default-src 'self'`, so the tests run the site under a strict policy.
// It never serves anything outside the folder.
//
//   const server = await startServer({ root: '/tmp/site', prefix: '/sociale-staat/', csp: true });
//   server.url      // "http://127.0.0.1:40123/sociale-staat/"
//   await server.close();
//
// Run it by hand too: node tests/browser/server.mjs <folder> [--prefix /sociale-staat/] [--csp] [--production] [--port N]
// (--production: gzip and long caching of static/, as a real host would serve the site).

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const CSP = "default-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
};

/** The Content-Type for a file name; unknown kinds are served as bytes. */
export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** "/", "sociale-staat", "/sociale-staat" and "/sociale-staat/" all become "/" or "/sociale-staat/". */
export function normalizePrefix(prefix = '/') {
  const trimmed = String(prefix).replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Maps a request path to a path inside `root`, or null when the request must not be served:
 * outside the prefix, undecodable, with a NUL byte, a backslash or a ".." segment. Exported for
 * the server's own tests.
 */
export function resolveRequestPath(root, prefix, rawPath) {
  if (!rawPath.startsWith(prefix)) return null;
  let rest;
  try {
    rest = decodeURIComponent(rawPath.slice(prefix.length));
  } catch {
    return null;
  }
  if (rest.includes('\0') || rest.includes('\\')) return null;
  const segments = rest.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const file = path.resolve(root, ...segments.filter((s) => s !== ''));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

async function fileStat(file) {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/**
 * Starts the server on 127.0.0.1 with a port the OS chooses. Options: root (folder), prefix
 * (default "/"), csp (default false), port (default 0), log (function called per request with
 * { method, path, status }).
 */
export async function startServer({ root, prefix = '/', csp = false, production = false, port = 0, log } = {}) {
  if (!root) throw new Error('startServer: root is required');
  const realRoot = realpathSync(path.resolve(root));
  const base = normalizePrefix(prefix);
  // With csp, use the policy of the site's own _headers file when it has one (what a host
  // would send), else the plain `default-src 'self'`.
  let policy = CSP;
  try {
    const headers = await readFile(path.join(realRoot, '_headers'), 'utf8');
    const line = headers.split('\n').find((l) => /^\s*Content-Security-Policy:/i.test(l));
    if (line) policy = line.split(':').slice(1).join(':').trim();
  } catch {
    // No _headers: the default policy.
  }

  const server = createServer(async (req, res) => {
    const headers = { 'X-Content-Type-Options': 'nosniff' };
    if (csp) headers['Content-Security-Policy'] = policy;
    const send = (status, body, extra = {}) => {
      res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body), ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
      log?.({ method: req.method, path: req.url, status });
    };
    const notFound = async () => {
      let body = 'Not found\n';
      let type = 'text/plain; charset=utf-8';
      try {
        body = await readFile(path.join(realRoot, '404.html'));
        type = contentType('404.html');
      } catch {
        // A folder without a 404.html still answers 404.
      }
      send(404, body, { 'Content-Type': type });
    };

    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(405, 'Method not allowed\n', { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' });
        return;
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      // The prefix without its slash ("/sociale-staat") goes to the prefix itself.
      if (base !== '/' && url.pathname === base.slice(0, -1)) {
        send(301, '', { Location: base + url.search });
        return;
      }
      const rawPath = url.pathname;
      // Reject "." and ".." segments (also encoded, also in the raw request line, which the URL
      // parser would otherwise quietly resolve) and encoded slashes, before anything else.
      const requested = req.url.split('?')[0];
      const dotSegment = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
      if (dotSegment.test(requested) || dotSegment.test(rawPath) || /%2f|%5c/i.test(requested)) {
        send(400, 'Bad request\n', { 'Content-Type': 'text/plain; charset=utf-8' });
        return;
      }
      let file = resolveRequestPath(realRoot, base, rawPath);
      if (file === null) {
        await notFound();
        return;
      }
      let info = await fileStat(file);
      if (info?.isDirectory()) {
        if (!rawPath.endsWith('/')) {
          send(301, '', { Location: rawPath + '/' + url.search });
          return;
        }
        file = path.join(file, 'index.html');
        info = await fileStat(file);
      }
      if (!info?.isFile()) {
        await notFound();
        return;
      }
      // A symbolic link inside the folder must not lead outside it either.
      const real = realpathSync(file);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
        await notFound();
        return;
      }
      const type = contentType(real);
      let body = await readFile(real);
      const extra = { 'Content-Type': type };
      // Like a real host (for the Lighthouse script): compressed text, and fingerprinted
      // static files cached for a year.
      if (production) {
        if (/^(text\/|application\/(json|xml|manifest)|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
          body = gzipSync(body, { level: 9 });
          extra['Content-Encoding'] = 'gzip';
          extra.Vary = 'Accept-Encoding';
        }
        extra['Cache-Control'] = /\/static\//.test(rawPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
      }
      send(200, body, extra);
    } catch (err) {
      send(500, `Server error: ${err.message}\n`, { 'Content-Type': 'text/plain; charset=utf-8' });
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actualPort } = server.address();
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    origin,
    prefix: base,
    url: origin + base,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

// Started directly: serve a folder until interrupted.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const prefix = opt('--prefix') ?? '/';
  const port = Number(opt('--port') ?? 0);
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i !== -1) args.splice(i, 1);
    return i !== -1;
  };
  const csp = flag('--csp');
  const production = flag('--production');
  const [root] = args;
  if (!root) {
    console.error('usage: node tests/browser/server.mjs <folder> [--prefix /sub/] [--csp] [--port N]');
    process.exit(2);
  }
  const server = await startServer({
    root,
    prefix,
    csp,
    production,
    port,
    log: ({ method, path: p, status }) => console.log(`${status} ${method} ${p}`),
  });
  console.log(`serving ${root} at ${server.url}${csp ? ' (with CSP)' : ''}`);
}
