// The search page beyond the result list (issue 15, items 1, 2 and 5), in headless Chromium
// under `Content-Security-Policy: default-src 'self'`, on the real site at "/" and under
// "/sociale-staat/", and on the minimal site with a second round (tests/fixtures/editions):
//   - filters by kind, theme and year with counts, kept in the address (reload, back); no
//     option that keeps nothing; on a phone the results before the filters;
//   - a filter value in the address that names nothing is ignored, and the page says so;
//   - nothing found: no blame on the spelling, the themes, all reports and initiatives, and a
//     search without the filters when a filter emptied the list;
//   - a result opens its page with ?markeer=…: the query's words marked in its section, a
//     button that takes the marks away and leaves the page as it was; hostile `markeer`
//     values inject nothing; without the parameter mark.js never loads;
//   - axe-core (WCAG 2.2 A/AA) on each of those states.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Harness, ROOT, SUBPATH_BASE_URL, lines, trackedPage, waitForResults } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

describe('search page: filters, help, marking', () => {
  const h = new Harness();
  const sites = {};
  let tp;

  before(async () => {
    const rounds = mkdtempSync(path.join(os.tmpdir(), 'vindplaats-rounds-'));
    h.defer(() => rmSync(rounds, { recursive: true, force: true }));
    for (const f of ['minimal', 'editions']) cpSync(path.join(ROOT, 'tests', 'fixtures', f), rounds, { recursive: true });
    const [root, sub, two] = await Promise.all([
      h.site({ prefix: '/', csp: true }),
      h.site({ baseUrl: SUBPATH_BASE_URL, prefix: '/sociale-staat/', csp: true }),
      h.site({ root: rounds, prefix: '/', csp: true }),
    ]);
    Object.assign(sites, { root, sub, two });
    tp = await trackedPage(await h.browser());
  });

  after(() => h.close());

  async function clean(label) {
    const problems = [...tp.problems(), ...(await tp.cspViolations()).map((v) => `CSP: ${JSON.stringify(v)}`)];
    assert.deepEqual(problems, [], `${label}:\n${lines(problems)}`);
  }

  /** axe-core, evaluated (not injected as a script tag, which the CSP would refuse). */
  async function axe(label) {
    const page = tp.page;
    if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
    const { violations } = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    );
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${label}`);
  }

  /** The search page's state: results, status, the filters with their counts. */
  async function state() {
    return tp.page.evaluate(() => ({
      query: new URLSearchParams(location.search).toString(),
      results: [...document.querySelectorAll('#zoekresultaten > li a')].map((a) => a.getAttribute('href')),
      status: document.getElementById('zoekstatus').textContent,
      note: [...document.querySelectorAll('#zoekfilters > p')].map((p) => p.textContent).join(' '),
      help: !document.getElementById('zoekhulp').hidden,
      suggestion: document.getElementById('zoeksuggestie').hidden ? '' : document.getElementById('zoeksuggestie').textContent,
      groups: [...document.querySelectorAll('#zoekfilters:not([hidden]) fieldset')].map((f) => ({
        legend: f.querySelector('legend').textContent,
        options: [...f.querySelectorAll('label:not([hidden])')].map((l) => ({
          value: l.querySelector('input').value,
          checked: l.querySelector('input').checked,
          count: Number(/\((\d+)\)$/.exec(l.textContent)[1]),
        })),
      })),
    }));
  }

  async function open(site, params) {
    tp.reset();
    await tp.goto(`${site.url}zoeken/?${new URLSearchParams(params)}`);
    await waitForResults(tp.page, '#zoekresultaten', params.q);
    return state();
  }

  /** Chooses a filter option as a resident does (a click on its label) and waits for the list. */
  async function choose(name, value) {
    const before = await tp.page.evaluate(() => location.search);
    await tp.page.locator(`#zoekfilters input[name="${name}"][value="${value}"]`).click();
    await tp.page.waitForFunction((b) => location.search !== b, before);
    return state();
  }

  const count = (status) => Number(/^(\d+) resulta/.exec(status)?.[1] ?? 0);

  for (const key of ['root', 'sub']) {
    describe(`the real site ${key === 'root' ? 'at /' : 'under /sociale-staat/'}, with CSP`, () => {
      it('filters narrow the list, each count is what choosing it keeps, the address keeps them through reload and back', async () => {
        const site = sites[key];
        const all = await open(site, { q: 'jongeren' });
        assert.deepEqual(all.groups.map((g) => g.legend), ['Soort', 'Thema'], 'one round: kind and theme, no year');
        const total = count(all.status);
        assert.ok(total > 5, all.status);
        for (const g of all.groups) {
          const [everything, ...options] = g.options;
          assert.equal(everything.count, total, `${g.legend}: "Alle" counts every result`);
          assert.equal(options.reduce((n, o) => n + o.count, 0) <= total, true);
        }
        // Every option of every group keeps exactly as many results as it says.
        for (const g of all.groups) {
          for (const o of g.options.slice(1)) {
            const got = await open(site, { q: 'jongeren', [g.legend.toLowerCase()]: o.value });
            assert.equal(count(got.status), o.count, `${g.legend}=${o.value}: ${got.status}`);
            assert.equal(got.results.length, Math.min(o.count, 50));
          }
        }
        await open(site, { q: 'jongeren' });
        const kind = await choose('soort', 'verslag');
        assert.equal(kind.query, 'q=jongeren&soort=verslag');
        assert.match(kind.status, /met deze filters\.$/);
        assert.ok(kind.results.every((u) => u.includes('rapporten/')), lines(kind.results));
        // A group's own counts ignore its own choice: the other kinds still say what they keep.
        const kinds = (st) => st.groups.find((g) => g.legend === 'Soort').options.map((o) => o.count);
        assert.deepEqual(kinds(kind), kinds(all));
        const theme = kind.groups.find((g) => g.legend === 'Thema').options.find((o) => o.value !== '' && o.count > 0);
        const both = await choose('thema', theme.value);
        assert.equal(both.query, `q=jongeren&soort=verslag&thema=${theme.value}`);
        assert.equal(count(both.status), theme.count);
        assert.ok(both.results.every((u) => u.includes(`rapporten/`)));
        await tp.page.reload();
        await waitForResults(tp.page, '#zoekresultaten', 'jongeren');
        assert.deepEqual(await state(), both, 'a reload shows the same');
        await tp.page.goBack();
        await tp.page.waitForFunction(() => !location.search.includes('thema='));
        await waitForResults(tp.page, '#zoekresultaten', 'jongeren');
        assert.deepEqual((await state()).results, kind.results, 'back: only the kind filter');
        await tp.page.goBack();
        await tp.page.waitForFunction(() => !location.search.includes('soort='));
        await waitForResults(tp.page, '#zoekresultaten', 'jongeren');
        assert.equal(count((await state()).status), total, 'back again: no filters');
        await clean('filters');
        await open(site, { q: 'jongeren', soort: 'verslag' });
        await axe('zoeken/ with a filter');
      });

      it('a filter value that names nothing is ignored, and the page says so', async () => {
        const site = sites[key];
        const plain = await open(site, { q: 'jongeren' });
        const got = await open(site, { q: 'jongeren', thema: 'bestaat-niet', jaar: '1999' });
        assert.deepEqual(got.results, plain.results);
        assert.match(got.note, /bestaat niet.*thema=bestaat-niet, jaar=1999/);
        await clean('unknown filter');
      });

      it('nothing found: no blame on the spelling, the themes, all reports and initiatives', async () => {
        const site = sites[key];
        const got = await open(site, { q: 'xylofoon' });
        assert.match(got.status, /^Geen resultaten voor ‘xylofoon’\.$/);
        assert.equal(got.suggestion, '', 'no "Bedoelde u" without a close word');
        assert.ok(got.help, '#zoekhulp is shown');
        const text = await tp.page.locator('main').textContent();
        assert.doesNotMatch(text, /spelling/i);
        const links = await tp.page.$$eval('#zoekhulp a', (as) => as.map((a) => a.getAttribute('href')));
        const themes = links.filter((l) => /themas\/[^/]+\/$/.test(l));
        assert.equal(themes.length, 5, lines(links));
        assert.ok(links.some((l) => l.endsWith('rapporten/')) && links.some((l) => l.endsWith('initiatieven/')), lines(links));
        await clean('zero results');
        await axe('zoeken/ with no results');
      });

      it('an option that keeps nothing is not offered', async () => {
        const site = sites[key];
        await open(site, { q: 'jongeren' });
        const got = await choose('soort', 'initiatief');
        // Initiatives have no theme: no theme option is offered, only "Alle".
        const themes = got.groups.find((g) => g.legend === 'Thema');
        assert.deepEqual(themes.options.map((o) => o.value), [''], JSON.stringify(themes));
        assert.ok(got.groups.every((g) => g.options.every((o) => o.count > 0 || o.checked)), JSON.stringify(got.groups));
        await clean('no empty options');
      });

      it('a filter that empties the list offers the search without filters', async () => {
        const site = sites[key];
        // Such filters come from a shared address: the page offers no option that keeps nothing.
        const got = await open(site, { q: 'jongeren', soort: 'initiatief', thema: 'eenzaamheid' });
        assert.match(got.status, /^Geen resultaten voor ‘jongeren’ met deze filters\.$/);
        assert.ok(got.help);
        const link = tp.page.locator('#zoekhulp a', { hasText: 'Zoek zonder filters' });
        await Promise.all([tp.page.waitForURL(/\?q=jongeren$/), link.click()]);
        await waitForResults(tp.page, '#zoekresultaten', 'jongeren');
        assert.ok(count((await state()).status) > 5);
        await clean('emptied by filters');
        await tp.page.goBack();
        await waitForResults(tp.page, '#zoekresultaten', 'jongeren');
        await axe('zoeken/ emptied by filters');
      });

      it('a result opens its page with the query marked in its section; the button takes the marks away', async () => {
        const site = sites[key];
        const q = 'eenzaam jongeren';
        const page = tp.page;
        const got = await open(site, { q });
        const href = got.results.find((u) => /rapporten\/[^/]+\/\?markeer=eenzaam\+jongeren#/.test(u));
        assert.ok(href, `no report section among the results:\n${lines(got.results)}`);
        tp.reset();
        await Promise.all([page.waitForURL(/markeer=/), page.locator(`#zoekresultaten a[href="${href}"]`).click()]);
        await page.waitForSelector('main mark');
        const marked = await page.evaluate(() => {
          const id = decodeURIComponent(location.hash.slice(1));
          const section = document.getElementById(id).closest('section');
          const nl = window.vindplaatsNl;
          const query = window.vindplaatsMarkeer.terms(nl, 'eenzaam jongeren');
          const marks = [...document.querySelectorAll('main mark')];
          const first = marks[0].getBoundingClientRect();
          return {
            outside: marks.filter((m) => !section.contains(m)).length,
            words: marks.map((m) => m.textContent),
            wrong: marks.filter((m) => !window.vindplaatsMarkeer.matches(nl, query, m.textContent)).map((m) => m.textContent),
            // Every word of the section the pipeline matches is marked.
            missed: [...section.querySelectorAll('p, li, h2, h3')].flatMap((e) =>
              [...e.childNodes].filter((n) => n.nodeType === 3).flatMap((n) => nl.tokenize(n.data)).filter((t) => window.vindplaatsMarkeer.matches(nl, query, t)),
            ),
            inView: first.top >= 0 && first.bottom <= innerHeight,
            button: document.querySelector('.marking-bar button')?.textContent,
          };
        });
        assert.ok(marked.words.length > 0);
        assert.equal(marked.outside, 0, 'marks outside the result section');
        assert.deepEqual(marked.wrong, [], 'marked words the index would not match');
        assert.deepEqual(marked.missed, [], 'words the index matches left unmarked');
        assert.ok(marked.inView, 'the first mark is scrolled into view');
        assert.equal(marked.button, 'Markering weghalen');
        await clean('marked page');
        await axe('a marked report page');

        await page.locator('.marking-bar button').click();
        const afterRemoval = await page.evaluate(() => ({ html: document.querySelector('main').innerHTML, search: location.search }));
        assert.equal(afterRemoval.search, '', 'markeer leaves the address');
        tp.reset();
        // Without the fragment, so that this is a new load and not a jump within the page.
        const plainUrl = page.url().split('#')[0];
        await tp.goto(plainUrl);
        const original = await page.evaluate(() => document.querySelector('main').innerHTML);
        assert.equal(afterRemoval.html, original, 'without the marks the page is exactly as it was');
        await clean('after removal');
      });

      it('a result found through a part or a synonym opens with the words it was found by marked', async () => {
        const site = sites[key];
        const page = tp.page;
        for (const [q, target, marked] of [
          ['speelbus', 'initiatieven/droomspeelbus/', /^Droomspeelbus$/],
          ['senioren', 'initiatieven/voorzorgcirkels/', /^oudere$/],
        ]) {
          // The page itself may mark a word (an initiative's page marks its name in a quote).
          await tp.goto(`${site.url}${target}`);
          const own = await page.locator('main mark').count();
          const got = await open(site, { q });
          const href = got.results.find((u) => u.includes(target));
          assert.ok(href && /[?&]ook=/.test(href), `"${q}": no link to ${target} with the terms it was found by:\n${lines(got.results)}`);
          tp.reset();
          await Promise.all([page.waitForURL(/markeer=/), page.locator(`#zoekresultaten a[href="${href}"]`).click()]);
          await page.waitForSelector('main mark');
          const marks = await page.$$eval('main mark', (ms) => ms.map((m) => m.textContent));
          assert.ok(marks.some((m) => marked.test(m)), `"${q}" on ${target}: marked ${marks}`);
          assert.equal(await page.locator('.marking-bar button').textContent(), 'Markering weghalen');
          assert.ok((await page.locator('main mark').count()) > own, `"${q}": nothing marked on ${target}`);
          await page.locator('.marking-bar button').click();
          assert.equal(await page.locator('main mark').count(), own);
          assert.doesNotMatch(page.url(), /markeer=|ook=/);
          await clean(`marked through "${q}"`);
        }
      });

      it('without markeer no marking script loads; hostile markeer values inject nothing and use ten words', async () => {
        const site = sites[key];
        const page = tp.page;
        const scripts = [];
        const onRequest = (r) => scripts.push(r.url());
        page.on('request', onRequest);
        tp.reset();
        await tp.goto(`${site.url}rapporten/eenzaamheid/`);
        await page.waitForTimeout(200);
        assert.deepEqual(scripts.filter((u) => /mark\.|search-nl|lunr-nl/.test(u)), [], 'a normal page load fetched marking scripts');
        assert.equal(await page.locator('mark, .marking-bar').count(), 0);
        page.off('request', onRequest);

        let dialogs = 0;
        page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
        // Ten words that are not on the page, then one that is: the eleventh is never read.
        const ten = 'qqa qqb qqc qqd qqe qqf qqg qqh qqi qqj';
        for (const markeer of [
          `<img src=x onerror=alert(1)><script>alert(2)</script> ${ten} jongeren`,
          `${ten} jongeren ${'x '.repeat(3000)}jongeren`,
          '\u0000\u202e😀𝐀 ﷽ \ud800 ' + '"\'><svg onload=alert(3)>',
        ]) {
          tp.reset();
          await tp.goto(`${site.url}rapporten/eenzaamheid/?${new URLSearchParams({ markeer })}#jongeren`);
          await page.waitForFunction(() => window.vindplaatsMarkeer);
          const got = await page.evaluate(() => ({
            marks: document.querySelectorAll('mark').length,
            injected: document.querySelectorAll('main img[src="x"], main svg[onload], main script').length,
          }));
          // Only the eleventh word is on the page (the third value's "𝐀" folds to "a", a prefix
          // of many words: marked as the index would match it).
          if (markeer.includes('qqa')) assert.equal(got.marks, 0, `marks for ${markeer.slice(0, 60)}`);
          assert.equal(got.injected, 0);
          await page.locator('#zoek-kop').fill('gezin');
          await waitForResults(page, '#zoek-kop-resultaten', 'gezin');
          await clean(`markeer=${markeer.slice(0, 40)}`);
        }
        assert.equal(dialogs, 0);
      });
    });
  }

  it('on a phone the results come first: above the keyboard after typing, before the filters for a screen reader', async () => {
    const site = sites.root;
    const phone = await trackedPage(await h.browser({ viewport: { width: 360, height: 780 } }));
    await phone.goto(`${site.url}zoeken/`);
    await phone.page.locator('#zoekveld').pressSequentially('jongeren', { delay: 20 });
    await waitForResults(phone.page, '#zoekresultaten', 'jongeren');
    const got = await phone.page.evaluate(() => {
      const first = document.querySelector('#zoekresultaten > li a');
      const filters = document.getElementById('zoekfilters');
      const focusable = [...document.querySelectorAll('a[href], input, button')].filter((e) => e.getClientRects().length);
      return {
        firstTop: first.getBoundingClientRect().top,
        firstBottom: first.getBoundingClientRect().bottom,
        filtersShown: !filters.hidden && !!filters.querySelector('fieldset'),
        resultsBeforeFilters: !!(document.getElementById('zoekresultaten').compareDocumentPosition(filters) & Node.DOCUMENT_POSITION_FOLLOWING),
        // In reading (and Tab) order from the field: the first result before the first radio.
        order: [focusable.indexOf(first), focusable.findIndex((e) => e.type === 'radio'), focusable.indexOf(document.getElementById('zoekveld'))],
      };
    });
    // An on-screen keyboard covers about the lower 45 % of a phone's screen.
    assert.ok(got.firstTop >= 0 && got.firstBottom <= 780 * 0.55, `the first result is at ${got.firstTop}–${got.firstBottom} px`);
    assert.ok(got.filtersShown, 'the filters are there');
    assert.ok(got.resultsBeforeFilters, 'the filters come after the results');
    const [first, radio, field] = got.order;
    assert.ok(field < first && first < radio, `field ${field}, first result ${first}, first filter ${radio}`);
    assert.deepEqual(phone.problems(), []);
    await phone.page.close();
  });

  it('two rounds: a year filter with a count per year', async () => {
    const site = sites.two;
    const all = await open(site, { q: 'sociaal cafe' });
    const year = all.groups.find((g) => g.legend === 'Jaar');
    assert.ok(year, `no year filter: ${JSON.stringify(all.groups)}`);
    assert.deepEqual(year.options.map((o) => o.value).sort(), ['', '2023', '2024']);
    assert.equal(year.options[0].count, count(all.status));
    const y2023 = year.options.find((o) => o.value === '2023');
    const got = await choose('jaar', '2023');
    assert.equal(got.query, 'q=sociaal+cafe&jaar=2023');
    assert.equal(count(got.status), y2023.count);
    assert.ok(got.results.every((u) => !u.includes('2024')), lines(got.results));
    await tp.page.reload();
    await waitForResults(tp.page, '#zoekresultaten', 'sociaal cafe');
    assert.deepEqual(await state(), got);
    await clean('two rounds');
    await axe('zoeken/ with a year filter');
  });
});
