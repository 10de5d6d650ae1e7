// The test server itself: prefix handling, index.html for directories, content types, the
// site's 404 page, the CSP header and, above all, nothing served from outside the folder.
// No browser and no build: a small folder made here.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { CSP, normalizePrefix, resolveRequestPath, startServer } from './server.mjs';

/** A raw GET, so that paths reach the server exactly as written (fetch would normalise them). */
function get(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('test server', () => {
  let tmp;
  let root;
  let plain;
  let sub;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-server-test-'));
    root = path.join(tmp, 'site');
    await mkdir(path.join(root, 'rapporten', 'a'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>home</title>');
    await writeFile(path.join(root, '404.html'), '<!doctype html><title>niet gevonden</title>');
    await writeFile(path.join(root, 'rapporten', 'a', 'index.html'), '<!doctype html><title>a</title>');
    for (const ext of ['css', 'js', 'json', 'xml', 'txt', 'svg', 'png']) {
      await writeFile(path.join(root, `f.${ext}`), 'x');
    }
    await writeFile(path.join(tmp, 'secret.txt'), 'geheim');
    await symlink(path.join(tmp, 'secret.txt'), path.join(root, 'link.txt'));
    plain = await startServer({ root });
    sub = await startServer({ root, prefix: 'sociale-staat', csp: true });
  });

  after(async () => {
    await plain?.close();
    await sub?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('normalises prefixes', () => {
    assert.equal(normalizePrefix('/'), '/');
    assert.equal(normalizePrefix(''), '/');
    assert.equal(normalizePrefix('sociale-staat'), '/sociale-staat/');
    assert.equal(normalizePrefix('/sociale-staat/'), '/sociale-staat/');
    assert.match(sub.url, /^http:\/\/127\.0\.0\.1:\d+\/sociale-staat\/$/);
    assert.notEqual(plain.port, 0);
  });

  it('serves index.html for directories and redirects to the trailing slash', async () => {
    const home = await get(plain.port, '/');
    assert.equal(home.status, 200);
    assert.match(home.body, /<title>home/);
    assert.equal(home.headers['content-type'], 'text/html; charset=utf-8');
    const dir = await get(plain.port, '/rapporten/a/');
    assert.match(dir.body, /<title>a</);
    const noSlash = await get(plain.port, '/rapporten/a?q=1');
    assert.equal(noSlash.status, 301);
    assert.equal(noSlash.headers.location, '/rapporten/a/?q=1');
  });

  it('sends the right content types', async () => {
    const want = {
      css: 'text/css',
      js: 'text/javascript',
      json: 'application/json',
      xml: 'application/xml',
      txt: 'text/plain',
      svg: 'image/svg+xml',
      png: 'image/png',
    };
    for (const [ext, type] of Object.entries(want)) {
      const res = await get(plain.port, `/f.${ext}`);
      assert.equal(res.status, 200, ext);
      assert.equal(res.headers['content-type'].split(';')[0], type, ext);
    }
  });

  it("answers a missing page with the site's 404.html and status 404", async () => {
    const res = await get(plain.port, '/bestaat/niet/');
    assert.equal(res.status, 404);
    assert.match(res.body, /niet gevonden/);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  });

  it('serves only under its prefix, with the CSP header on every response', async () => {
    const ok = await get(sub.port, '/sociale-staat/rapporten/a/');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-security-policy'], CSP);
    const outside = await get(sub.port, '/rapporten/a/');
    assert.equal(outside.status, 404);
    assert.equal(outside.headers['content-security-policy'], CSP);
    const bare = await get(sub.port, '/sociale-staat');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/sociale-staat/');
    assert.equal((await get(plain.port, '/')).headers['content-security-policy'], undefined);
  });

  it('never serves a file from outside the folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/rapporten/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/rapporten/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/link.txt',
      '/%00secret.txt',
    ]) {
      const res = await get(plain.port, p);
      assert.notEqual(res.status, 200, p);
      assert.doesNotMatch(res.body, /geheim/, p);
    }
    const subRes = await get(sub.port, '/sociale-staat/../secret.txt');
    assert.doesNotMatch(subRes.body, /geheim/);
    assert.equal(resolveRequestPath(root, '/', '/../secret.txt'), null);
    assert.equal(resolveRequestPath(root, '/', '/a/%2e%2e/%2e%2e/secret.txt'), null);
    assert.equal(resolveRequestPath(root, '/x/', '/y/index.html'), null);
    assert.equal(resolveRequestPath(root, '/', '/rapporten/a/'), path.join(root, 'rapporten', 'a'));
  });
});
