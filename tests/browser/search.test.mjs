// The site's search in headless Chromium, as a resident would use it, on two builds: one served
// at "/" and one built with --base-url https://example.org/sociale-staat/ and served under
// "/sociale-staat/". Both are served with `Content-Security-Policy: default-src 'self'`.
//
// The search contract (themes/almere, the search page zoeken/):
//   - every page has form[role=search] with input#zoek-kop (type=search, name=q), action zoeken/,
//     except zoeken/ itself, which has only its own form (input#zoekveld): one search box a page;
//   - zoeken/?q=… renders into ol#zoekresultaten, which gets data-state="klaar" and
//     data-query="<query>" when done; each result is li > a[href] (title), .crumb, .snippet
//     with <mark>s around matched words; #zoekstatus says "N resultaten voor ‘…’" or
//     "Geen resultaten voor ‘…’"; #zoeksuggestie says "Bedoelde u: …?" for a typo;
//   - typing in #zoek-kop shows results in #zoek-kop-resultaten (same markup and attributes),
//     status in #zoek-kop-status; ArrowDown/ArrowUp move through the result links, Escape
//     clears and returns focus to the field.
//
// Every query below states what it expects among the first five results, chosen by reading
// content/: a path with "#section" must match that section exactly, a path without "#" matches
// the page whatever the fragment. `first` must be the first result; `all` must each be in the
// first five; `any` needs one of them there; `none` expects the no-results message; `suggest`
// expects "Bedoelde u: <word>" and (with `any`) the results of the corrected query.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';

import {
  Harness,
  SUBPATH_BASE_URL,
  cssString,
  lines,
  median,
  readResults,
  sitePath,
  trackedPage,
  waitForResults,
} from './helpers.mjs';

import { shardedCopy } from './engine.mjs';
import { EVERYDAY, QUERIES, accepted, precisionAt5 } from './queries.mjs';

const R = 'rapporten/';
const I = 'initiatieven/';
const T = 'themas/';

/** Queries typed into the header field for the latency measurement. */
const LATENCY_QUERIES = [
  'gezinnen', 'buurthuis', 'wijkteam', 'clienten', 'naamloze pilot', 'welcome app', 'GGD', 'Wlz',
  'droomspeelbus', 'taalkamer', 'schulden', 'woningen', 'jongeren', 'vergrijzing', 'huiselijk geweld',
];

function describeExpectation(c) {
  if (c.none) return 'no results';
  const parts = [];
  if (c.suggest) parts.push(`suggests "${c.suggest}"`);
  if (c.first) parts.push(`first ${c.first}`);
  if (c.all) parts.push(`top 5 has ${c.all.join(' and ')}`);
  if (c.any) parts.push(`top 5 has one of ${c.any.join(', ')}`);
  return parts.join('; ');
}

/** Does result `r` match the expected path (section when it has "#", else the page)? */
function matches(expected, r) {
  return expected.includes('#') ? r.path === expected : r.page === expected;
}

const fileCache = new Map();
/** The problem with a result's link in the built folder, or null: missing page or section. */
function brokenLink(dir, r) {
  if (r.page === null || r.page.startsWith('(outside')) return `link outside the site: ${r.href}`;
  const rel = r.page === '' || r.page.endsWith('/') ? `${r.page}index.html` : r.page;
  const file = path.join(dir, ...rel.split('/'));
  if (!existsSync(file)) return `no such page: ${r.href}`;
  const hash = r.path.slice(r.page.length);
  if (hash.length > 1) {
    if (!fileCache.has(file)) fileCache.set(file, readFileSync(file, 'utf8'));
    const id = decodeURIComponent(hash.slice(1)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!new RegExp(`\\sid=(["']?)${id}\\1[\\s/>]`).test(fileCache.get(file))) return `no such section: ${r.href}`;
  }
  return null;
}

describe('search', () => {
  const h = new Harness();
  const sites = {};
  let context;
  let tp; // the tracked page, reused by every test
  const visited = new Set();

  before(async () => {
    const shardedRoot = shardedCopy();
    h.defer(() => rmSync(shardedRoot, { recursive: true, force: true }));
    const [root, sub, sharded] = await Promise.all([
      h.site({ prefix: '/', csp: true }),
      h.site({ baseUrl: SUBPATH_BASE_URL, prefix: '/sociale-staat/', csp: true }),
      h.site({ root: shardedRoot, baseUrl: SUBPATH_BASE_URL, prefix: '/sociale-staat/', csp: true }),
    ]);
    sites.root = root;
    sites.sub = sub;
    sites.sharded = sharded;
    context = await h.browser();
    tp = await trackedPage(context);
  });

  after(async () => {
    console.log(`search: ${visited.size} distinct addresses visited, each checked for console errors, page errors and CSP violations`);
    await h.close();
  });

  function requireSearchPage(site) {
    if (!existsSync(path.join(site.dir, 'zoeken', 'index.html'))) {
      assert.fail('the build has no zoeken/index.html: the search page is not there yet');
    }
  }

  /** Fails with everything that went wrong on the current page since the last reset. */
  async function assertCleanPage(label) {
    const problems = tp.problems();
    const violations = await tp.cspViolations();
    assert.deepEqual(
      [...problems, ...violations.map((v) => `CSP violation: ${JSON.stringify(v)}`)],
      [],
      `${label}: console errors, page errors or CSP violations:\n${lines([...problems, ...violations])}`,
    );
  }

  /** Opens zoeken/?q=… the way the header form submits it, and reads what it rendered. */
  async function searchPage(site, q, { alsoAccept = [] } = {}) {
    tp.reset();
    const url = `${site.url}zoeken/?${new URLSearchParams({ q })}`;
    visited.add(url);
    const res = await tp.goto(url);
    assert.equal(res.status(), 200, `${url} answered ${res.status()}`);
    await waitForResults(tp.page, '#zoekresultaten', [q, ...alsoAccept]);
    const page = tp.page;
    const status = page.locator('#zoekstatus');
    const suggestion = page.locator('#zoeksuggestie');
    return {
      url,
      results: await readResults(page, '#zoekresultaten', site.prefix),
      status: (await status.count()) ? ((await status.textContent()) ?? '').trim() : null,
      statusVisible: (await status.count()) ? await status.isVisible() : false,
      statusRole: (await status.count()) ? await status.getAttribute('role') : null,
      suggestion: (await suggestion.count()) && (await suggestion.isVisible()) ? ((await suggestion.textContent()) ?? '').trim() : null,
    };
  }

  function checkResultMarkup(site, q, results) {
    for (const r of results) {
      assert.ok(r.href, `"${q}": a result without a link`);
      assert.ok(r.title, `"${q}": a result without a title (${r.href})`);
      assert.notEqual(r.crumb, null, `"${q}": result ${r.path} has no .crumb`);
      assert.notEqual(r.snippet, null, `"${q}": result ${r.path} has no .snippet`);
      const foreign = r.snippetChildren.filter((tag) => tag !== 'mark');
      assert.deepEqual(foreign, [], `"${q}": the snippet of ${r.path} contains elements other than <mark>: ${foreign.join(', ')}`);
      const broken = brokenLink(site.dir, r);
      assert.equal(broken, null, `"${q}": ${broken}`);
    }
  }

  for (const [key, label] of [
    ['root', 'served at /'],
    ['sub', 'served under /sociale-staat/ (built with --base-url https://example.org/sociale-staat/)'],
    ['sharded', 'with a sharded index (the real content, budget 1 KB, shards of 4 KB), under /sociale-staat/'],
  ]) {
    describe(`${label}, with CSP`, () => {
      for (const c of QUERIES) {
        it(`"${c.q}": ${describeExpectation(c)}`, async () => {
          const site = sites[key];
          requireSearchPage(site);
          const got = await searchPage(site, c.q, { alsoAccept: c.suggest ? [c.suggest] : [] });
          const { results } = got;
          const shown = lines(results.slice(0, 8).map((r, i) => `${i + 1}. ${r.path}  (${r.title})`));

          assert.equal(got.statusRole, 'status', '#zoekstatus must have role=status');
          if (c.none) {
            assert.equal(results.length, 0, `"${c.q}" should find nothing, found:\n${shown}`);
            assert.ok(got.statusVisible, '#zoekstatus must be visible');
            assert.match(got.status ?? '', /^Geen resultaten voor/, `status for "${c.q}"`);
          } else {
            assert.ok(results.length > 0, `"${c.q}" found nothing; status: ${got.status}`);
            assert.match(got.status ?? '', /\d+ (resultaat|resultaten) voor/i, `status for "${c.q}"`);
            checkResultMarkup(site, c.q, results);
            const top = results.slice(0, 5);
            if (c.suggest) {
              assert.ok(got.suggestion, `"${c.q}": #zoeksuggestie is not visible`);
              assert.match(got.suggestion, /Bedoelde u/, `"${c.q}": suggestion text`);
              assert.ok(got.suggestion.toLowerCase().includes(c.suggest), `"${c.q}": suggestion "${got.suggestion}" should name "${c.suggest}"`);
            } else {
              assert.ok(got.status.includes(c.q), `status "${got.status}" should name the query "${c.q}"`);
            }
            if (c.first) {
              assert.ok(matches(c.first, results[0]), `"${c.q}": the first result should be ${c.first}; got:\n${shown}`);
            }
            for (const want of c.all ?? []) {
              assert.ok(top.some((r) => matches(want, r)), `"${c.q}": ${want} is not among the first five (${c.why}); got:\n${shown}`);
            }
            if (c.any) {
              assert.ok(top.some((r) => c.any.some((want) => matches(want, r))), `"${c.q}": none of ${c.any.join(', ')} among the first five (${c.why}); got:\n${shown}`);
            }
            assert.ok(top.some((r) => r.marks.length > 0), `"${c.q}": no <mark> in any of the first five snippets`);
          }
          await assertCleanPage(got.url);
        });
      }

      it('words themselves rank above synonyms and compound parts ("spelen", "geldzorgen")', async () => {
        const site = sites[key];
        requireSearchPage(site);
        // "spelen" is in the text of a few sections; the Droomspeelbus only has it as a part.
        const spelen = await searchPage(site, 'spelen');
        const bus = spelen.results.findIndex((r) => r.page === `${I}droomspeelbus/`);
        const exact = spelen.results.findIndex((r) => r.marks.some((m) => /^spelen$/i.test(m)));
        assert.ok(exact >= 0 && bus > exact, `"spelen": the word itself at ${exact}, the Droomspeelbus at ${bus}:\n${lines(spelen.results.map((r) => `${r.path} ${r.marks}`))}`);
        assert.ok(spelen.results[bus].marks.some((m) => /droomspeelbus/i.test(m)), 'the part is marked in the snippet');
        // "geld" is on the site and in the group of "geldzorgen", "schulden": results with
        // "geld" itself come before those with "schulden" only.
        const geld = await searchPage(site, 'geld');
        const kinds = geld.results.map((r) => r.marks.some((m) => /^geld/i.test(m)));
        const firstOther = kinds.indexOf(false);
        assert.ok(firstOther > 0 && kinds.slice(firstOther).every((k) => !k), `"geld": ${lines(geld.results.map((r) => `${r.path} ${r.marks}`))}`);
        await assertCleanPage(geld.url);
      });

      it('a query with markup in it is shown as text, never as elements', async () => {
        const site = sites[key];
        requireSearchPage(site);
        const q = '<img src=x><b>gezin</b>';
        const got = await searchPage(site, q);
        const injected = await tp.page.evaluate(() =>
          ['#zoekresultaten', '#zoekstatus', '#zoeksuggestie']
            .flatMap((sel) => [...(document.querySelector(sel)?.querySelectorAll('img, b, script') ?? [])])
            .map((el) => el.outerHTML),
        );
        assert.deepEqual(injected, [], 'the query was inserted as HTML');
        assert.equal(await tp.page.locator('img[src="x"]').count(), 0, 'an <img src=x> appeared');
        checkResultMarkup(site, q, got.results);
        await assertCleanPage(got.url);
      });

      it('every page has the header search form pointing at zoeken/ (zoeken/ only its own)', async () => {
        const site = sites[key];
        const targets = site.pages.filter((p) => p.urlPath !== '404.html').map((p) => site.url + p.urlPath);
        // The 404 page as a visitor meets it: at a missing address, deep in the site.
        targets.push(`${site.url}bestaat/niet/meer/`);
        const wrong = [];
        for (const url of targets) {
          tp.reset();
          visited.add(url);
          const missing = url.endsWith('bestaat/niet/meer/');
          const res = await tp.goto(url, { expect404: missing });
          assert.equal(res.status(), missing ? 404 : 200, url);
          const own = sitePath(url, site.prefix).page === 'zoeken/';
          const form = await tp.page.evaluate((own) => {
            const forms = document.querySelectorAll('form[role=search]');
            if (forms.length !== 1) return { count: forms.length };
            const f = forms[0];
            const input = f?.querySelector(own ? 'input#zoekveld' : 'input#zoek-kop');
            return f
              ? { action: f.action, method: (f.getAttribute('method') ?? 'get').toLowerCase(), type: input?.type, name: input?.name, label: input ? (input.labels?.length ?? 0) + (input.getAttribute('aria-label') ? 1 : 0) : 0 }
              : null;
          }, own);
          if (form?.count !== undefined) wrong.push(`${url}: ${form.count} forms[role=search], not 1`);
          else if (!form) wrong.push(`${url}: no form[role=search]`);
          else {
            const target = sitePath(form.action, site.prefix).page;
            if (target !== 'zoeken/') wrong.push(`${url}: form action ${form.action} is not ${site.url}zoeken/`);
            if (form.method !== 'get') wrong.push(`${url}: form method ${form.method}`);
            const id = own ? 'zoekveld' : 'zoek-kop';
            if (form.type !== 'search' || form.name !== 'q') wrong.push(`${url}: no input#${id}[type=search][name=q]`);
            if (!form.label) wrong.push(`${url}: #${id} has no label`);
          }
          await assertCleanPage(url);
        }
        assert.deepEqual(wrong, [], `header search form:\n${lines(wrong)}`);
      });

      it('the header form submits to the search page (Enter in #zoek-kop)', async () => {
        const site = sites[key];
        requireSearchPage(site);
        tp.reset();
        await tp.goto(site.url);
        const field = tp.page.locator('#zoek-kop');
        await field.fill('buurtbieb');
        await Promise.all([tp.page.waitForURL(/\/zoeken\/\?/), field.press('Enter')]);
        visited.add(tp.page.url());
        assert.equal(sitePath(tp.page.url(), site.prefix).page, 'zoeken/');
        assert.equal(new URL(tp.page.url()).searchParams.get('q'), 'buurtbieb');
        await waitForResults(tp.page, '#zoekresultaten', 'buurtbieb');
        const results = await readResults(tp.page, '#zoekresultaten', site.prefix);
        assert.ok(results.slice(0, 5).some((r) => r.page === `${I}buurtbiebs/`), `buurtbiebs not found:\n${lines(results.map((r) => r.path))}`);
        await assertCleanPage(tp.page.url());
      });

      it('as you type in the header of a report page: results, arrow keys, Escape', async () => {
        const site = sites[key];
        requireSearchPage(site);
        tp.reset();
        const url = `${site.url}${R}eenzaamheid/`;
        visited.add(url);
        await tp.goto(url);
        const page = tp.page;
        const field = page.locator('#zoek-kop');
        await field.click();
        await field.pressSequentially('droomspeel', { delay: 60 });
        await waitForResults(page, '#zoek-kop-resultaten', 'droomspeel');
        const results = await readResults(page, '#zoek-kop-resultaten', site.prefix);
        assert.ok(results.length > 0, 'no results while typing "droomspeel"');
        assert.ok(results.slice(0, 5).some((r) => r.page === `${I}droomspeelbus/`), `droomspeelbus not among the first five:\n${lines(results.map((r) => r.path))}`);
        checkResultMarkup(site, 'droomspeel', results);
        assert.ok(await page.locator('#zoek-kop-resultaten').isVisible(), '#zoek-kop-resultaten is not visible');
        const status = page.locator('#zoek-kop-status');
        assert.equal(await status.count(), 1, 'no #zoek-kop-status');
        assert.match((await status.textContent()) ?? '', /resulta/i, '#zoek-kop-status');

        const links = page.locator('#zoek-kop-resultaten > li a[href]');
        const isFocused = (loc) => loc.evaluate((el) => el === document.activeElement);
        await page.keyboard.press('ArrowDown');
        assert.ok(await isFocused(links.nth(0)), 'ArrowDown from the field should focus the first result');
        if ((await links.count()) > 1) {
          await page.keyboard.press('ArrowDown');
          assert.ok(await isFocused(links.nth(1)), 'ArrowDown should move to the second result');
          await page.keyboard.press('ArrowUp');
          assert.ok(await isFocused(links.nth(0)), 'ArrowUp should move back to the first result');
        }
        await page.keyboard.press('Escape');
        assert.equal(await field.inputValue(), '', 'Escape should clear the field');
        assert.ok(await isFocused(field), 'Escape should return focus to the field');
        const left = await page.locator('#zoek-kop-resultaten > li').count();
        assert.ok(left === 0 || !(await page.locator('#zoek-kop-resultaten').isVisible()), 'Escape should clear the results');
        await assertCleanPage(url);
      });

      it('Enter on a header result opens that page', async () => {
        const site = sites[key];
        requireSearchPage(site);
        tp.reset();
        const url = `${site.url}${T}sociale-basis/`;
        await tp.goto(url);
        const page = tp.page;
        await page.locator('#zoek-kop').pressSequentially('taalkamer', { delay: 40 });
        await waitForResults(page, '#zoek-kop-resultaten', 'taalkamer');
        const [first] = await readResults(page, '#zoek-kop-resultaten', site.prefix);
        assert.ok(first, 'no results for "taalkamer"');
        await page.keyboard.press('ArrowDown');
        await Promise.all([page.waitForURL((u) => sitePath(u.href, site.prefix).page === first.page), page.keyboard.press('Enter')]);
        visited.add(page.url());
        assert.equal(sitePath(page.url(), site.prefix).path, first.path);
        await assertCleanPage(page.url());
      });
    });
  }

  it('everyday queries (issue 26): precision at five of at least 0.9, every kind of query covered', async () => {
    const site = sites.root;
    requireSearchPage(site);
    const kinds = {};
    for (const c of EVERYDAY) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    for (const kind of ['start', 'middle', 'end', 'query-compound', 'word', 'stem', 'words']) {
      assert.ok((kinds[kind] ?? 0) >= 3, `only ${kinds[kind] ?? 0} queries of kind ${kind}`);
    }
    assert.ok(EVERYDAY.length >= 40, `${EVERYDAY.length} queries`);
    let sum = 0;
    const below = [];
    for (const c of EVERYDAY) {
      const got = await searchPage(site, c.q);
      const paths = got.results.map((r) => r.path);
      const p = precisionAt5(c.accept, paths);
      sum += p;
      if (p < 1) below.push(`${p.toFixed(2)} "${c.q}": ${paths.slice(0, 5).map((u) => (accepted(c.accept, u) ? '+' : '-') + u).join('  ')}`);
      await assertCleanPage(got.url);
    }
    const p5 = sum / EVERYDAY.length;
    console.log(`everyday queries: precision at five ${p5.toFixed(3)} over ${EVERYDAY.length} queries; below 1:\n${lines(below)}`);
    assert.ok(p5 >= 0.9, `precision at five ${p5.toFixed(3)} < 0.9:\n${lines(below)}`);
  });

  it('measures: latency from the last keystroke in #zoek-kop to results, and the bytes of a first search', async () => {
    const site = sites.root;
    requireSearchPage(site);
    const page = tp.page;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');

    // Bytes of a first search, cold: the search page and everything its search needs.
    async function payload(action) {
      await cdp.send('Network.clearBrowserCache');
      const responses = [];
      const onResponse = (res) => responses.push(res);
      page.on('response', onResponse);
      try {
        await action();
      } finally {
        page.off('response', onResponse);
      }
      const files = [];
      for (const res of responses) {
        const type = res.request().resourceType();
        if (!['script', 'fetch', 'xhr'].includes(type) && !/\.(js|json)(\?|$)/.test(res.url())) continue;
        const body = await res.body();
        const sizes = await res.request().sizes();
        files.push({
          url: sitePath(res.url(), site.prefix).path,
          bytes: body.length,
          transferred: sizes.responseBodySize + sizes.responseHeadersSize,
          gzip: gzipSync(body, { level: 9 }).length,
        });
      }
      return files;
    }
    const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);
    const describeFiles = (files) => files.map((f) => `${f.url} ${f.bytes} B (gzip ${f.gzip} B)`).join(', ');

    visited.add(`${site.url}zoeken/?q=gezinnen`);
    visited.add(`${site.url}${R}eenzaamheid/`);
    tp.reset();
    const searchFiles = await payload(async () => {
      await tp.goto(`${site.url}zoeken/?q=gezinnen`);
      await waitForResults(page, '#zoekresultaten', 'gezinnen');
    });
    await assertCleanPage(page.url());
    console.log(
      `search payload, first search on zoeken/ (cold cache): JS + index ${searchFiles.length} files, ` +
        `${sum(searchFiles, 'bytes')} bytes (${sum(searchFiles, 'transferred')} transferred with headers, uncompressed server), ` +
        `${sum(searchFiles, 'gzip')} bytes gzipped (node:zlib level 9): ${describeFiles(searchFiles)}`,
    );
    assert.ok(searchFiles.length > 0, 'the search page loaded no script');
    // The budget of issue 8: a first search on the real site downloads at most 60 KB
    // compressed, scripts and index together, and the index is one request.
    assert.ok(sum(searchFiles, 'gzip') < 60 * 1024, `first search: ${sum(searchFiles, 'gzip')} bytes gzipped, over the budget of ${60 * 1024}: ${describeFiles(searchFiles)}`);
    // Over budget, the build shards the index (then a first search is smaller but takes several
    // requests): on the real site that means the search scripts and the whole index no longer
    // fit in 60 KB — the build's line "Zoekindex: … in N delen" says so too.
    const indexFiles = searchFiles.filter((f) => /zoekindex\.js|\/zoek\//.test(f.url));
    assert.equal(
      indexFiles.length,
      1,
      `the real site's index is no longer one file: the build sharded it because the search scripts and the index together exceed search_budget_kb (60 KB) compressed; ` +
        `scripts now ${sum(searchFiles.filter((f) => !indexFiles.includes(f)), 'gzip')} bytes gzipped. Files: ${describeFiles(searchFiles)}`,
    );

    tp.reset();
    const reportUrl = `${site.url}${R}eenzaamheid/`;
    const typeFiles = await payload(async () => {
      await tp.goto(reportUrl);
      await page.locator('#zoek-kop').pressSequentially('gezinnen', { delay: 60 });
      await waitForResults(page, '#zoek-kop-resultaten', 'gezinnen');
    });
    await assertCleanPage(reportUrl);
    console.log(
      `search payload, first as-you-type search on a report page (cold cache): ${typeFiles.length} files, ` +
        `${sum(typeFiles, 'bytes')} bytes, ${sum(typeFiles, 'gzip')} bytes gzipped: ${describeFiles(typeFiles)}`,
    );

    // Latency: on a report page, each query typed into #zoek-kop; from the input event of the
    // last keystroke to the moment #zoek-kop-resultaten says data-state="klaar" for the whole
    // query (a MutationObserver notes it; debouncing, searching and rendering all count).
    const instrument = () =>
      page.evaluate(() => {
        const field = document.getElementById('zoek-kop');
        const list = document.getElementById('zoek-kop-resultaten');
        window.__latency = { lastInput: 0, done: [] };
        field.addEventListener('input', (e) => {
          window.__latency.lastInput = e.timeStamp;
        }, true);
        const record = () => {
          if (list.dataset.state === 'klaar' && list.dataset.query === field.value && window.__latency.lastInput) {
            window.__latency.done.push({ q: list.dataset.query, ms: performance.now() - window.__latency.lastInput });
          }
        };
        new MutationObserver(record).observe(list, { attributes: true, childList: true });
      });
    const measure = async (q, delay) => {
      await page.evaluate(() => {
        window.__latency.done = [];
        window.__latency.lastInput = 0;
      });
      await page.locator('#zoek-kop').pressSequentially(q, { delay });
      await waitForResults(page, '#zoek-kop-resultaten', q);
      const done = await page.evaluate((query) => window.__latency.done.find((d) => d.q === query), q);
      assert.ok(done, `no render recorded for "${q}"`);
      return { q, ms: done.ms };
    };

    // Cold: empty cache, a fresh report page, the query typed at once (no pause between keys),
    // so whatever the index still has to load after the field gets focus is counted.
    tp.reset();
    await cdp.send('Network.clearBrowserCache');
    await tp.goto(reportUrl);
    await instrument();
    await page.locator('#zoek-kop').focus();
    const cold = await measure('gezinnen', 0);

    tp.reset();
    await tp.goto(reportUrl);
    await instrument();
    const times = [];
    for (const q of LATENCY_QUERIES) {
      await page.locator('#zoek-kop').focus();
      await page.keyboard.press('Escape');
      times.push(await measure(q, 60));
    }
    await assertCleanPage(reportUrl);
    const ms = times.map((t) => t.ms);
    const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(
      `search latency: median ${median(ms).toFixed(1)} ms over ${ms.length} queries typed at 60 ms a key ` +
        `(slowest "${slowest.q}" ${slowest.ms.toFixed(1)} ms); cold first search typed at once on a fresh page with an empty cache: ` +
        `${cold.ms.toFixed(1)} ms; measured from the last keystroke's input event to #zoek-kop-resultaten data-state="klaar"`,
    );
    await cdp.detach();
  });
});
