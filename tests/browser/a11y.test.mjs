// Accessibility and validity of every HTML page of a root build:
//   1. axe-core (WCAG 2.0/2.1/2.2 A and AA rules) reports no violations, on every page in the
//      light scheme and on one page of each kind (and the search states) also in the dark
//      scheme and in forced colours (Windows high contrast), emulated with page.emulateMedia;
//   2. at a 320 px wide viewport nothing scrolls sideways (WCAG 1.4.10, reflow);
//   3. html-validate (recommended preset, see .htmlvalidate.json) reports no errors.
//      The config relaxes only what minified but valid HTML needs: unquoted attribute values
//      (attr-quotes), a lowercase doctype (doctype-style), omitted optional end tags
//      (no-implicit-close) and <tbody> start tags (prefer-tbody), an unambiguous raw "&"
//      (no-raw-characters, relaxed), `<a href>` for href="" and default attribute values that
//      the minifier drops, such as type=submit on a button (no-implicit-button-type).
// Also axe-core on the search UI with results showing (zoeken/?q=… and the header field).
// Served without the CSP header, so that axe can be injected as a script tag.
// Skip it with VINDPLAATS_SKIP_A11Y=1.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { HtmlValidate } from 'html-validate';

import { AXE, AXE_TAGS, Harness, PAGE_KINDS, SCHEMES, lines, listPages, trackedPage, waitForResults } from './helpers.mjs';

const SKIP = process.env.VINDPLAATS_SKIP_A11Y === '1' ? 'VINDPLAATS_SKIP_A11Y=1' : false;
const KINDS = PAGE_KINDS;
const NARROW = { width: 320, height: 640 };
const PHONE = { width: 360, height: 780 };
const WIDE = { width: 1280, height: 900 };

const h = new Harness();
let site;
let pages = [];
if (!SKIP) {
  try {
    site = await h.site({ prefix: '/', csp: false });
    pages = await listPages(site.dir);
  } catch (err) {
    await h.close();
    throw err;
  }
}

/** The address a visitor uses for a page; the 404 page as served for a missing address. */
const addressOf = (p) => (p.urlPath === '404.html' ? `${site.url}bestaat/niet/` : site.url + p.urlPath);
const nameOf = (p) => (p.urlPath === '404.html' ? '404.html (at a missing address)' : p.urlPath || '(home)');

/** axe-core with AXE_TAGS on the page as it is now. */
async function runAxe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
}

function formatAxe(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `      at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s*\n\s*/g, ' | ')}`);
      if (v.nodes.length > 5) nodes.push(`      … and ${v.nodes.length - 5} more`);
      return `    ${v.id} (${v.impact}, ${v.tags.filter((t) => t.startsWith('wcag')).join(' ')}): ${v.help} [${v.nodes.length}×]\n${nodes.join('\n')}\n      ${v.helpUrl}`;
    })
    .join('\n');
}

describe('accessibility and validity of every page', { skip: SKIP }, () => {
  let tp;
  const summary = {
    axe: { pages: 0, clean: 0, byRule: new Map() },
    schemes: Object.fromEntries(Object.keys(SCHEMES).map((k) => [k, { checks: 0, clean: 0 }])),
    reflow: { pages: 0, clean: 0, wide: [] },
    html: { pages: 0, clean: 0, byRule: new Map() },
  };

  before(async () => {
    const context = await h.browser({ viewport: WIDE });
    tp = await trackedPage(context);
  });

  after(async () => {
    if (!SKIP) {
      const rules = (m) => [...m].map(([id, n]) => `${id} on ${n} page${n === 1 ? '' : 's'}`).join(', ') || 'none';
      console.log(`a11y axe-core (${AXE_TAGS.join(', ')}): ${summary.axe.clean} of ${summary.axe.pages} checks without violations (${pages.length} pages in the light scheme, ${summary.axe.pages - pages.length} checks of page kinds and search states in the dark scheme and forced colours, and of search states in the light scheme); violations: ${rules(summary.axe.byRule)}`);
      console.log(`a11y axe-core per scheme (page kinds and search states): ${Object.entries(summary.schemes).map(([k, v]) => `${k} ${v.clean} of ${v.checks} clean`).join(', ')}`);
      console.log(`a11y reflow at ${NARROW.width} px: ${summary.reflow.clean} of ${summary.reflow.pages} pages without horizontal overflow${summary.reflow.wide.length ? `; too wide: ${summary.reflow.wide.join(', ')}` : ''}`);
      console.log(`html-validate (recommended, tests/browser/.htmlvalidate.json): ${summary.html.clean} of ${summary.html.pages} pages without errors; errors: ${rules(summary.html.byRule)}`);
    }
    await h.close();
  });

  describe('axe-core: no WCAG 2.2 A/AA violations', () => {
    before(() => tp.page.setViewportSize(WIDE));
    for (const p of pages) {
      it(nameOf(p), async () => {
        summary.axe.pages += 1;
        tp.reset();
        await tp.goto(addressOf(p), { expect404: p.urlPath === '404.html' });
        const result = await runAxe(tp.page);
        for (const v of result.violations) summary.axe.byRule.set(v.id, (summary.axe.byRule.get(v.id) ?? 0) + 1);
        assert.equal(result.violations.length, 0, `axe-core on ${nameOf(p)}:\n${formatAxe(result.violations)}`);
        assert.deepEqual(tp.problems(), [], `console errors on ${nameOf(p)}`);
        summary.axe.clean += 1;
        if (KINDS.includes(p.urlPath)) {
          summary.schemes.light.checks += 1;
          summary.schemes.light.clean += 1;
        }
      });
    }
  });

  // The dark scheme and forced colours change every colour: contrast, and whether focus rings,
  // marks and buttons stay visible, is checked again on one page of each kind, at a phone's
  // width (where the header differs) and a wide one.
  for (const scheme of ['dark', 'forced colours']) {
    describe(`axe-core in the ${scheme} scheme: one page of each kind`, () => {
      before(() => tp.page.emulateMedia(SCHEMES[scheme]));
      after(() => tp.page.emulateMedia(SCHEMES.light));
      it('every kind of page is in the build', () => {
        const missing = KINDS.filter((k) => !pages.some((p) => p.urlPath === k));
        assert.deepEqual(missing, [], 'page kinds missing from the build');
      });
      for (const kind of KINDS) {
        for (const viewport of [PHONE, WIDE]) {
          it(`${kind || '(home)'} at ${viewport.width} px`, async () => {
            const p = pages.find((x) => x.urlPath === kind);
            if (!p) return;
            summary.axe.pages += 1;
            summary.schemes[scheme].checks += 1;
            tp.reset();
            await tp.page.setViewportSize(viewport);
            await tp.goto(addressOf(p), { expect404: p.urlPath === '404.html' });
            const result = await runAxe(tp.page);
            for (const v of result.violations) summary.axe.byRule.set(v.id, (summary.axe.byRule.get(v.id) ?? 0) + 1);
            assert.equal(result.violations.length, 0, `axe-core on ${nameOf(p)} (${scheme}, ${viewport.width} px):\n${formatAxe(result.violations)}`);
            assert.deepEqual(tp.problems(), [], `console errors on ${nameOf(p)}`);
            summary.axe.clean += 1;
            summary.schemes[scheme].clean += 1;
          });
        }
      }
    });
  }

  /** axe on a search state in every scheme: the results (and their marks) as each scheme shows them. */
  async function axeOnSearch(url, listSelector, type, expect = type ?? new URL(url).searchParams.get('q')) {
    tp.reset();
    await tp.goto(url);
    if (type) await tp.page.locator('#zoek-kop').pressSequentially(type, { delay: 30 });
    await waitForResults(tp.page, listSelector, expect);
    const found = [];
    try {
      for (const [scheme, media] of Object.entries(SCHEMES)) {
        summary.axe.pages += 1;
        summary.schemes[scheme].checks += 1;
        await tp.page.emulateMedia(media);
        const result = await runAxe(tp.page);
        for (const v of result.violations) summary.axe.byRule.set(v.id, (summary.axe.byRule.get(v.id) ?? 0) + 1);
        if (result.violations.length) found.push(`  in the ${scheme} scheme:\n${formatAxe(result.violations)}`);
        else {
          summary.axe.clean += 1;
          summary.schemes[scheme].clean += 1;
        }
      }
    } finally {
      await tp.page.emulateMedia(SCHEMES.light);
    }
    assert.equal(found.length, 0, `axe-core on ${url} with results showing:\n${found.join('\n')}`);
    assert.deepEqual(tp.problems(), [], `console errors on ${url}`);
  }

  describe('axe-core: the search UI with results showing', () => {
    before(() => tp.page.setViewportSize(WIDE));
    it('zoeken/?q=gezinnen', () => axeOnSearch(`${site.url}zoeken/?q=gezinnen`, '#zoekresultaten'));
    it('zoeken/?q=eenzaamhied (with a suggestion)', () =>
      axeOnSearch(`${site.url}zoeken/?q=eenzaamhied`, '#zoekresultaten', undefined, ['eenzaamhied', 'eenzaamheid']));
    it('zoeken/?q=qwxzv (no results)', () => axeOnSearch(`${site.url}zoeken/?q=qwxzv`, '#zoekresultaten'));
    it('header results on rapporten/eenzaamheid/ (typed "gezin")', () =>
      axeOnSearch(`${site.url}rapporten/eenzaamheid/`, '#zoek-kop-resultaten', 'gezin'));
    it('zoeken/ at 320 px with results: no horizontal scrolling', async () => {
      await tp.page.setViewportSize(NARROW);
      await tp.goto(`${site.url}zoeken/?q=${encodeURIComponent('naamloze pilot')}`);
      await waitForResults(tp.page, '#zoekresultaten', 'naamloze pilot');
      const width = await tp.page.evaluate(() => document.documentElement.scrollWidth);
      await tp.page.setViewportSize(WIDE);
      assert.ok(width <= NARROW.width, `zoeken/ with results is ${width} px wide at ${NARROW.width} px`);
    });
  });

  describe(`no horizontal scrolling at ${NARROW.width} px`, () => {
    before(() => tp.page.setViewportSize(NARROW));
    for (const p of pages) {
      it(nameOf(p), async () => {
        summary.reflow.pages += 1;
        await tp.goto(addressOf(p), { expect404: p.urlPath === '404.html' });
        const { scrollWidth, culprits } = await tp.page.evaluate((limit) => {
          const describe = (el) =>
            el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
          const culprits = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            // Report the outermost elements that stick out, not all their descendants.
            if (r.right > limit + 0.5 && r.width > 0 && !culprits.some((c) => c.el.contains(el))) {
              culprits.push({ el, text: `${describe(el)} (right edge ${Math.round(r.right)} px, width ${Math.round(r.width)} px)` });
            }
          }
          return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8).map((c) => c.text) };
        }, NARROW.width);
        if (scrollWidth > NARROW.width) summary.reflow.wide.push(`${nameOf(p)} (${scrollWidth} px)`);
        assert.ok(
          scrollWidth <= NARROW.width,
          `${nameOf(p)} is ${scrollWidth} px wide at a ${NARROW.width} px viewport; sticking out:\n${lines(culprits)}`,
        );
        summary.reflow.clean += 1;
      });
    }
  });

  describe('html-validate: no errors', () => {
    const config = JSON.parse(readFileSync(new URL('./.htmlvalidate.json', import.meta.url), 'utf8'));
    const validator = new HtmlValidate(config);
    for (const p of pages) {
      it(p.rel, async () => {
        summary.html.pages += 1;
        const report = await validator.validateFile(p.file);
        const messages = report.results.flatMap((r) => r.messages);
        const errors = messages.filter((m) => m.severity === 2);
        for (const id of new Set(errors.map((m) => m.ruleId))) summary.html.byRule.set(id, (summary.html.byRule.get(id) ?? 0) + 1);
        const html = readFileSync(p.file, 'utf8').split('\n');
        const shown = errors.slice(0, 20).map((m) => {
          const line = html[m.line - 1] ?? '';
          const context = line.slice(Math.max(0, m.column - 40), m.column + 60);
          return `${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}\n      …${context}…`;
        });
        if (errors.length > 20) shown.push(`… and ${errors.length - 20} more`);
        assert.equal(errors.length, 0, `html-validate on ${p.rel}:\n${lines(shown)}`);
        summary.html.clean += 1;
      });
    }
  });
});
