// The layout on a phone, with enlarged text and at 400 % zoom (WCAG 1.4.4 and 1.4.10), on a
// root build, one page of each kind (and the search page with results):
//   1. at 360 × 780 px the site header is at most 120 px high, its four navigation links are
//      visible words (never behind an icon), and search is the visible link "Zoeken";
//   2. the search page has one search box: its own (the header's is not repeated there);
//   2a. a report page shows the way into the report (its contents) in the first screen, before
//      the facts block ("Gegevens van de bijeenkomst"); every titled section ends with a link
//      back to the contents ("Terug naar de inhoudsopgave"), which lands in them, open; each
//      heading permalink is a 24 px control with an accessible name and no "#" text;
//   3. with the root font size at 200 % on a 360 px viewport, and at 180 CSS px wide (what
//      200 % zoom makes of a 360 px phone): no sideways scrolling, every visible search box at
//      least 120 px wide, and no element with text wider inside than its box (scrollWidth
//      against clientWidth); on the search page with its filters, no option that stacks a
//      letter a line.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Harness, PAGE_KINDS, lines, trackedPage, waitForResults } from './helpers.mjs';

const PHONE = { width: 360, height: 780 };
const HEADER_MAX = 120;
const KINDS = PAGE_KINDS;
const ENLARGED = [
  { name: 'root font size 200 % at 360 px', viewport: PHONE, fontSize: '200%' },
  { name: '180 CSS px wide', viewport: { width: 180, height: 390 }, fontSize: null },
];

const h = new Harness();
const site = await h.site({ prefix: '/' });
const addressOf = (kind) => (kind === '404.html' ? `${site.url}bestaat/niet/` : site.url + kind);
const nameOf = (kind) => kind || '(home)';

/** What overflows on the page as it is now. */
const measure = (page) =>
  page.evaluate(() => {
    const describe = (el) =>
      el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
    const vw = document.documentElement.clientWidth;
    const clipped = [];
    const sticking = [];
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (el.closest('.visually-hidden, .skip-link')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > vw + 0.5 && !sticking.some((s) => s.el.contains(el))) {
        sticking.push({ el, text: `${describe(el)} (right edge ${Math.round(r.right)} px)` });
      }
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!ownText || style.display === 'inline' || style.display === 'contents') continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        clipped.push(`${describe(el)}: content ${el.scrollWidth} px in ${el.clientWidth} px ("${el.textContent.trim().slice(0, 40)}")`);
      }
    }
    const boxes = [...document.querySelectorAll('input[type=search]')]
      .filter((i) => i.getBoundingClientRect().width > 0)
      .map((i) => ({ id: i.id, width: Math.round(i.getBoundingClientRect().width) }));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport: vw,
      sticking: sticking.slice(0, 8).map((s) => s.text),
      clipped: clipped.slice(0, 8),
      boxes,
    };
  });

describe('the layout on a phone and with enlarged text', () => {
  let tp;
  const heights = [];
  before(async () => {
    tp = await trackedPage(await h.browser({ viewport: PHONE }));
  });
  after(async () => {
    console.log(`layout: header height at ${PHONE.width} px: ${heights.map(([k, px]) => `${nameOf(k)} ${px}`).join(', ')}`);
    await h.close();
  });

  it('every kind of page is in the build', () => {
    const missing = KINDS.filter((k) => !site.pages.some((p) => p.urlPath === k));
    assert.deepEqual(missing, []);
  });

  describe(`the header at ${PHONE.width} px is at most ${HEADER_MAX} px high`, () => {
    before(() => tp.page.setViewportSize(PHONE));
    for (const kind of KINDS) {
      it(nameOf(kind), async () => {
        await tp.goto(addressOf(kind), { expect404: kind === '404.html' });
        const header = await tp.page.evaluate(() => {
          const el = document.querySelector('body > header.site-header');
          const links = [...el.querySelectorAll('nav a')].map((a) => {
            const r = a.getBoundingClientRect();
            return { text: a.textContent.trim(), visible: r.width > 0 && r.height >= 24 };
          });
          return { height: el.getBoundingClientRect().height, links };
        });
        heights.push([kind, Math.round(header.height)]);
        assert.ok(header.height <= HEADER_MAX, `the header of ${nameOf(kind)} is ${header.height} px high`);
        assert.deepEqual(
          header.links,
          ["Thema's", 'Verslagen', 'Initiatieven', 'Zoeken'].map((text) => ({ text, visible: true })),
          'the navigation links, visible and at least 24 px high',
        );
      });
    }
  });

  it('the search page does not repeat the header search box', async () => {
    await tp.goto(`${site.url}zoeken/`);
    const forms = await tp.page.evaluate(() =>
      [...document.querySelectorAll('form[role=search]')].map((f) => f.querySelector('input[type=search]')?.id),
    );
    assert.deepEqual(forms, ['zoekveld']);
  });

  it('a report: contents in the first screen, a way back from every section, labelled permalinks', async () => {
    await tp.page.setViewportSize(PHONE);
    await tp.goto(`${site.url}rapporten/eenzaamheid/`);
    const r = await tp.page.evaluate(() => {
      const toc = document.querySelector('nav.toc#inhoud');
      const facts = document.querySelector('.facts');
      const sections = [...document.querySelectorAll('.report-text > section')].filter((s) => s.querySelector(':scope > .kop > h2'));
      return {
        tocTop: toc?.querySelector('summary').getBoundingClientRect().bottom,
        tocBeforeFacts: !!(toc && facts && toc.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING),
        factsTitle: facts?.querySelector('h2').textContent.trim(),
        sections: sections.length,
        backLinks: sections.filter((s) => {
          const last = s.lastElementChild?.querySelector('a');
          return last?.getAttribute('href') === '#inhoudsopgave-lijst' && last.textContent.trim() === 'Terug naar de inhoudsopgave';
        }).length,
        permalinks: [...document.querySelectorAll('.permalink')].map((a) => {
          const b = a.getBoundingClientRect();
          return { text: a.textContent, named: /^Directe link naar ‘.+’$/.test(a.getAttribute('aria-label') ?? ''), big: b.width >= 24 && b.height >= 24 };
        }),
      };
    });
    assert.ok(r.tocTop <= PHONE.height, `the contents end at ${r.tocTop} px, below the first screen`);
    assert.ok(r.tocBeforeFacts, 'the contents come before the facts block');
    assert.equal(r.factsTitle, 'Gegevens van de bijeenkomst');
    assert.ok(r.sections >= 3, `${r.sections} titled sections`);
    assert.equal(r.backLinks, r.sections, 'every titled section ends with "Terug naar de inhoudsopgave"');
    assert.ok(r.permalinks.length >= r.sections);
    assert.deepEqual(
      r.permalinks.filter((p) => p.text !== '' || !p.named || !p.big),
      [],
      'permalinks without text, with a name, at least 24 × 24 px',
    );
    // The way back lands in the contents, opened (collapsed on a phone until then), with their
    // heading in view.
    assert.equal(await tp.page.locator('nav.toc details').getAttribute('open'), null, 'collapsed on a phone');
    await tp.page.locator('.report-text .to-toc a').last().click();
    await tp.page.waitForFunction(() => document.querySelector('nav.toc details').open);
    const top = await tp.page.evaluate(() => document.querySelector('#inhoudsopgave').getBoundingClientRect().top);
    assert.ok(top >= -1 && top < PHONE.height / 2, `after "Terug naar de inhoudsopgave" the contents are at ${top} px`);
    assert.ok(await tp.page.locator('#inhoudsopgave-lijst a').first().isVisible(), 'the list is open');
  });

  for (const mode of ENLARGED) {
    describe(`${mode.name}: no sideways scrolling, nothing cut off, search usable`, () => {
      before(() => tp.page.setViewportSize(mode.viewport));
      const check = async (url, { expect404 = false, then } = {}) => {
        await tp.goto(url, { expect404 });
        if (mode.fontSize) await tp.page.evaluate((size) => (document.documentElement.style.fontSize = size), mode.fontSize);
        if (then) await then(tp.page);
        const m = await measure(tp.page);
        const problems = [];
        if (m.scrollWidth > m.viewport) problems.push(`the page is ${m.scrollWidth} px wide in ${m.viewport} px; sticking out: ${m.sticking.join(', ')}`);
        for (const c of m.clipped) problems.push(`cut off: ${c}`);
        for (const b of m.boxes) if (b.width < 120) problems.push(`search box #${b.id} is ${b.width} px wide`);
        return { problems, boxes: m.boxes };
      };
      for (const kind of KINDS) {
        it(nameOf(kind), async () => {
          const { problems, boxes } = await check(addressOf(kind), { expect404: kind === '404.html' });
          if (kind === 'zoeken/') assert.deepEqual(boxes.map((b) => b.id), ['zoekveld'], 'the search box on zoeken/');
          assert.deepEqual(problems, [], `${nameOf(kind)}:\n${lines(problems)}`);
        });
      }
      it('zoeken/?q=gezinnen with results', async () => {
        const { problems } = await check(`${site.url}zoeken/?q=gezinnen`, {
          then: (page) => waitForResults(page, '#zoekresultaten', 'gezinnen'),
        });
        assert.deepEqual(problems, [], lines(problems));
      });
      it('zoeken/?q=jongeren with the filters: each option wraps as words, never a letter a line', async () => {
        const { problems } = await check(`${site.url}zoeken/?q=jongeren`, {
          then: (page) => waitForResults(page, '#zoekresultaten', 'jongeren'),
        });
        const stacked = await tp.page.evaluate(() =>
          [...document.querySelectorAll('#zoekfilters label:not([hidden]), #zoekfilters legend')].flatMap((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const text = el.textContent.trim();
            // Lines of the option as laid out: at least four characters a line on average.
            const rows = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            return rows > Math.max(1, Math.ceil(text.length / 4)) ? [`"${text}" on ${rows} lines`] : [];
          }),
        );
        assert.ok((await tp.page.locator('#zoekfilters fieldset').count()) > 0, 'no filters for "jongeren"');
        assert.deepEqual([...problems, ...stacked], [], lines([...problems, ...stacked]));
      });
    });
  }
});
