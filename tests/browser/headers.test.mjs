// The site served the way each host's header file describes it: `_headers` (Netlify,
// Cloudflare Pages), `.htaccess` (Apache) and `nginx.conf.voorbeeld` (nginx). Each file of the
// build is parsed here, by the rules of its host, and its headers are put on every response of
// a proxy in front of the test server, for the paths they match. Then the home page, a report
// page, a search and a missing page load in Chromium with the policy in force: the console
// stays clean, there are no CSP violations, and every response carries the same headers, with
// a year's caching for the fingerprinted static files, none for the pages, and the search
// index's first file (one address from build to build) revalidated on every use.
// Built for /sociale-staat/, so each file's patterns must carry the base path. The build has
// the editor in it (`[editor]`, issue 25): its folder alone gets the editor's own policy, under
// which Decap starts, while every other page keeps the site's.

import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { appendFile, cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startServer } from './server.mjs';
import { Harness, ROOT, SUBPATH_BASE_URL, buildSite, lines, listPages, trackedPage, waitForResults } from './helpers.mjs';

/** A value as written in Apache and nginx files: in double quotes with backslash escapes, or bare. */
function unquote(value) {
  const v = value.trim();
  if (!v.startsWith('"')) return v;
  assert.ok(v.endsWith('"') && v.length >= 2, `unterminated quote: ${v}`);
  return v.slice(1, -1).replace(/\\(.)/g, '$1');
}

/**
 * `_headers`: a path pattern at the start of a line (`*` matches anything), then its headers
 * indented. Every rule whose pattern matches applies.
 */
function parseNetlify(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const colon = line.indexOf(':');
      assert.ok(colon > 0 && rules.length, `_headers: a header outside a rule: ${line}`);
      rules.at(-1).headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    } else {
      const pattern = line.trim();
      const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      rules.push({ matches: (p) => re.test(p), headers: [] });
    }
  }
  return {
    headersFor: (p) => Object.fromEntries(rules.filter((r) => r.matches(p)).flatMap((r) => r.headers)),
    notFound: null,
  };
}

/**
 * `.htaccess`: `Header always set Name "value"` lines, at the top or inside
 * `<If "%{REQUEST_URI} =~ m#^prefix#">`; `<IfModule>` is taken as present; `ErrorDocument 404`.
 * Anything else is an error: the test must understand every line the build writes.
 */
function parseApache(text) {
  const scopes = [{ matches: () => true, headers: [] }];
  const stack = [];
  let notFound = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let m;
    if ((m = /^<IfModule\s+[^>]+>$/.exec(line))) {
      stack.push('IfModule');
    } else if ((m = /^<If\s+"%\{REQUEST_URI\}\s+=~\s+m#(.+)#">$/.exec(line))) {
      const re = new RegExp(m[1]);
      scopes.push({ matches: (p) => re.test(p), headers: [] });
      stack.push('If');
    } else if ((m = /^<\/(IfModule|If)>$/.exec(line))) {
      assert.equal(stack.pop(), m[1], `.htaccess: ${line} closes nothing`);
    } else if ((m = /^Header\s+always\s+set\s+([A-Za-z-]+)\s+(.+)$/.exec(line))) {
      const scope = stack.at(-1) === 'If' ? scopes.at(-1) : scopes[0];
      scope.headers.push([m[1], unquote(m[2])]);
    } else if ((m = /^ErrorDocument\s+404\s+(\S+)$/.exec(line))) {
      notFound = m[1];
    } else {
      assert.fail(`.htaccess: a line the test does not know: ${line}`);
    }
  }
  assert.deepEqual(stack, [], '.htaccess: a block is not closed');
  return {
    // Later `Header set`s of the same name replace earlier ones, as in Apache.
    headersFor: (p) => Object.fromEntries(scopes.filter((s) => s.matches(p)).flatMap((s) => s.headers)),
    notFound,
  };
}

/**
 * `nginx.conf.voorbeeld`: `add_header Name "value" always;` and `error_page 404 path;` in the
 * server block or in `location /prefix/ { … }` (or `location = /path { … }`), which may hold locations of its own. As in
 * nginx, the longest matching location is used, and a block without add_header lines takes
 * those of the block around it; one with its own uses only those.
 */
function parseNginx(text) {
  const server = { prefix: '', headers: [], parent: null };
  const locations = [];
  let current = server;
  let notFound = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let m;
    if ((m = /^location\s+(=\s+)?(\/\S*)\s+\{$/.exec(line))) {
      assert.ok(m[2].startsWith(current.prefix), `nginx: location ${m[2]} inside ${current.prefix}`);
      current = { prefix: m[2], exact: !!m[1], headers: [], parent: current };
      locations.push(current);
    } else if (line === '}') {
      assert.notEqual(current, server, 'nginx: } without a location');
      current = current.parent;
    } else if ((m = /^add_header\s+([A-Za-z-]+)\s+(".*"|\S+)\s+always;$/.exec(line))) {
      current.headers.push([m[1], unquote(m[2])]);
    } else if ((m = /^error_page\s+404\s+(\S+);$/.exec(line))) {
      notFound = m[1];
    } else {
      assert.fail(`nginx: a line the test does not know: ${line}`);
    }
  }
  assert.equal(current, server, 'nginx: a location is not closed');
  return {
    headersFor: (p) => {
      // An exact location (`location = /path`) wins over every prefix, as in nginx.
      let block =
        locations.find((l) => l.exact && p === l.prefix) ??
        locations.filter((l) => !l.exact && p.startsWith(l.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0] ??
        server;
      while (block.headers.length === 0 && block.parent) block = block.parent;
      return Object.fromEntries(block.headers);
    },
    notFound,
  };
}

const HOSTS = [
  { file: '_headers', host: 'Netlify / Cloudflare Pages', parse: parseNetlify },
  { file: '.htaccess', host: 'Apache', parse: parseApache },
  { file: 'nginx.conf.voorbeeld', host: 'nginx', parse: parseNginx },
];

/** A proxy in front of `upstream` that puts `rules.headersFor(path)` on every response. */
async function headerProxy(upstream, rules) {
  const server = createServer((req, res) => {
    const forward = request(
      { host: '127.0.0.1', port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        const pathname = new URL(req.url, 'http://x').pathname;
        const headers = { ...up.headers };
        // The test server's own policy headers are not the host's.
        delete headers['content-security-policy'];
        delete headers['x-content-type-options'];
        for (const [name, value] of Object.entries(rules.headersFor(pathname))) headers[name.toLowerCase()] = value;
        res.writeHead(up.statusCode, headers);
        up.pipe(res);
      },
    );
    forward.on('error', (err) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(err.message);
    });
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

const PREFIX = '/sociale-staat/';
const h = new Harness();
let dir;
let upstream;
let report;
let styleSheet;
try {
  // The real site with the editor published at beheer/.
  const root = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-headers-'));
  h.defer(() => rm(root, { recursive: true, force: true }));
  for (const part of ['content', 'themes', 'vindplaats.toml']) {
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  }
  await appendFile(
    path.join(root, 'vindplaats.toml'),
    '\n[editor]\npath = "beheer/"\nbackend = "gitlab"\nrepo = "gemeente-almere/sociale-staat"\napp_id = "0123abcd"\n',
  );
  dir = await buildSite({ baseUrl: SUBPATH_BASE_URL, root });
  h.defer(() => rm(dir, { recursive: true, force: true }));
  upstream = await startServer({ root: dir, prefix: PREFIX });
  h.defer(() => upstream.close());
  report = (await listPages(dir)).find((p) => /^rapporten\/[^/]+\/$/.test(p.urlPath))?.urlPath;
  styleSheet = (await readdir(path.join(dir, 'static'))).find((f) => /^style\.[0-9a-f]+\.css$/.test(f));
} catch (err) {
  await h.close();
  throw err;
}

describe('the security headers of every host file', () => {
  let tp;
  const policies = new Map();

  before(async () => {
    assert.ok(report, 'the build has no report page');
    assert.ok(styleSheet, 'the build has no fingerprinted style sheet');
    tp = await trackedPage(await h.browser());
  });

  after(async () => {
    // One policy, written three ways.
    assert.equal(new Set(policies.values()).size, 1, `the files disagree: ${JSON.stringify([...policies])}`);
    await h.close();
  });

  for (const { file, host, parse } of HOSTS) {
    describe(`${file} (${host})`, () => {
      let rules;
      let url;

      before(async () => {
        rules = parse(await readFile(path.join(dir, file), 'utf8'));
        const proxy = await headerProxy(upstream, rules);
        h.defer(() => proxy.close());
        url = `http://127.0.0.1:${proxy.port}${PREFIX}`;
      });

      async function check(address, { expect404 = false, interact } = {}) {
        tp.reset();
        const res = await tp.goto(address, { expect404 });
        assert.equal(res.status(), expect404 ? 404 : 200, address);
        const headers = res.headers();
        const policy = headers['content-security-policy'] ?? '';
        assert.match(policy, /^default-src 'self'/, `${file}: no policy on ${address}`);
        policies.set(file, policy);
        assert.equal(headers['x-content-type-options'], 'nosniff', address);
        assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', address);
        assert.ok(!/immutable/.test(headers['cache-control'] ?? ''), `a page must not be cached for ever: ${address}`);
        if (interact) await interact(tp.page);
        const violations = await tp.cspViolations();
        const problems = [...tp.problems(), ...violations.map((v) => `CSP violation: ${JSON.stringify(v)}`)];
        assert.deepEqual(problems, [], `${address}:\n${lines(problems)}`);
      }

      it('the home page', () => check(url));
      it('a report page', () => check(url + report));
      it('a search on zoeken/', () =>
        check(`${url}zoeken/?q=gezinnen`, {
          interact: (page) => waitForResults(page, '#zoekresultaten', 'gezinnen'),
        }));
      it('a missing page gets the site\'s 404 page, with the headers', async () => {
        if (rules.notFound !== null) assert.equal(rules.notFound, `${PREFIX}404.html`);
        await check(`${url}bestaat/niet/`, { expect404: true });
      });
      it('the rest of the domain gets none of the site\'s headers', () => {
        // The strict policy would break the larger site's own pages. `.htaccess` only applies
        // to the folder it is in; the other two files say so themselves.
        if (file === '.htaccess') return;
        assert.deepEqual(rules.headersFor('/andere-pagina/'), {}, file);
      });
      it("the editor's folder has the editor's own policy, under which Decap starts", async () => {
        tp.reset();
        const res = await tp.goto(`${url}beheer/`);
        assert.equal(res.status(), 200);
        const policy = res.headers()['content-security-policy'] ?? '';
        assert.match(policy, /^default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline';/, file);
        assert.match(policy, /connect-src 'self' https:\/\/gitlab\.com;/, file);
        assert.equal(res.headers()['x-content-type-options'], 'nosniff', file);
        // Decap read the configuration and shows GitLab's login (it goes nowhere offline).
        await tp.page.getByRole('button', { name: /GitLab/ }).waitFor();
        const violations = await tp.cspViolations();
        const problems = [...tp.problems(), ...violations.map((v) => `CSP violation: ${JSON.stringify(v)}`)];
        assert.deepEqual(problems, [], `${file}:\n${lines(problems)}`);
        // Its scripts are under the editor's policy too; the site's static files are not.
        const script = await fetch(`${url}beheer/vendor/decap-cms.js`, { method: 'HEAD' });
        assert.match(script.headers.get('content-security-policy') ?? '', /'unsafe-eval'/);
      });
      it('fingerprinted static files are cached for a year', async () => {
        const res = await fetch(`${url}static/${styleSheet}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'self'/);
      });
      it("the search index's first file, which keeps its address, is revalidated (issue 29)", async () => {
        const res = await fetch(`${url}zoekindex.js`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('cache-control'), 'no-cache');
        assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'self'/);
      });
    });
  }
});
