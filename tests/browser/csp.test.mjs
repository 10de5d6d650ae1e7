// Every page of a root build loads under `Content-Security-Policy: default-src 'self'`: no
// console errors, no page errors, no failed requests and no CSP violations (recorded from
// `securitypolicyviolation` events by an init script, which the policy does not govern).
// Also the parts that only run on use: a search on zoeken/ and typing in the header field.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { CSP } from './server.mjs';
import { Harness, lines, listPages, trackedPage, waitForResults } from './helpers.mjs';

// The pages are known only after the build, and node:test wants its tests declared up front:
// build once here, at load time, and hand the folder to the harness for cleanup.
const h = new Harness();
let site;
let pages;
try {
  site = await h.site({ prefix: '/', csp: true });
  pages = await listPages(site.dir);
} catch (err) {
  await h.close();
  throw err;
}

describe(`every page under "${CSP}"`, () => {
  let tp;
  const summary = { pages: 0, clean: 0 };

  before(async () => {
    const context = await h.browser();
    tp = await trackedPage(context);
  });

  after(async () => {
    console.log(`csp: ${summary.clean} of ${summary.pages} pages loaded without console errors or CSP violations`);
    await h.close();
  });

  async function check(url, { expect404 = false, interact } = {}) {
    summary.pages += 1;
    tp.reset();
    const res = await tp.goto(url, { expect404 });
    // The site's own _headers policy (default-src 'self' and stricter), as a host sends it.
    const policy = res.headers()['content-security-policy'] ?? '';
    assert.ok(policy.startsWith(CSP), `the server did not send the policy: ${policy}`);
    assert.equal(res.status(), expect404 ? 404 : 200, url);
    if (interact) await interact(tp.page);
    const violations = await tp.cspViolations();
    const problems = [...tp.problems(), ...violations.map((v) => `CSP violation: ${JSON.stringify(v)}`)];
    assert.deepEqual(problems, [], `${url}:\n${lines(problems)}`);
    summary.clean += 1;
  }

  for (const p of pages) {
    if (p.urlPath === '404.html') {
      it('404.html, as served for a missing address', () => check(`${site.url}bestaat/niet/`, { expect404: true }));
    } else {
      it(p.urlPath || '(home)', () => check(site.url + p.urlPath));
    }
  }

  it('a search on zoeken/ (results and a suggestion)', async () => {
    if (!existsSync(path.join(site.dir, 'zoeken', 'index.html'))) {
      assert.fail('the build has no zoeken/index.html: the search page is not there yet');
    }
    await check(`${site.url}zoeken/?q=gezinnen`, {
      interact: (page) => waitForResults(page, '#zoekresultaten', 'gezinnen'),
    });
    await check(`${site.url}zoeken/?q=eenzaamhied`, {
      interact: (page) => waitForResults(page, '#zoekresultaten', ['eenzaamhied', 'eenzaamheid']),
    });
  });

  it('typing in the header search field of a report page', () =>
    check(`${site.url}rapporten/eenzaamheid/`, {
      interact: async (page) => {
        await page.locator('#zoek-kop').pressSequentially('wijkteam', { delay: 40 });
        await waitForResults(page, '#zoek-kop-resultaten', 'wijkteam');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Escape');
      },
    }));
});
