// Reading at 200 % text and by ear (issue 27), in Chromium on a root build of the real site:
//   1. with the root font size at 200 % on a 360 × 780 px phone, every report's title starts
//      within the first screen (780 px): the header draws closer and the breadcrumbs show only
//      the way up at large text (container queries in style.css);
//   2. long Dutch words are hyphenated, not cut: `hyphens: auto` on the text, lang="nl";
//   3. in Chromium's accessibility tree, every heading's name is its text alone (the permalink
//      is a link of its own, named "Directe link naar ‘…’"), and nothing in <main> is a named
//      region: the parts of a report are found by their headings, not announced twice;
//   4. the closing text after the source's `***` has a visible boundary that is also in the
//      accessibility tree: a separator right before it;
//   5. an initiative page with the editors' links (the minimal fixture's Sociaal Café): the
//      links under their own heading, outside the report's words, and axe-core (WCAG 2.2 A/AA)
//      finds nothing, in light, dark and forced colours.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import path from 'node:path';

import { AXE, AXE_TAGS, Harness, ROOT, SCHEMES, trackedPage } from './helpers.mjs';

const PHONE = { width: 360, height: 780 };
const FIRST_SCREEN = 780;

const h = new Harness();
const site = await h.site({ prefix: '/' });
const minimal = await h.site({ root: path.join(ROOT, 'tests', 'fixtures', 'minimal') });
const reports = site.pages.filter((p) => /^rapporten\/[^/]+\/$/.test(p.urlPath)).map((p) => p.urlPath);

/**
 * What Chromium's accessibility tree makes of each element matching `selector`, in document
 * order: { role, name, ignored } (through the DevTools protocol, node by node, as a screen
 * reader asks for them).
 */
async function axOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const out = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      out.push({ role: nodes[0].role?.value, name: (nodes[0].name?.value ?? '').replace(/\s+/g, ' ').trim(), ignored: nodes[0].ignored });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

describe('reading at 200 % text and by ear', () => {
  let tp;
  before(async () => {
    tp = await trackedPage(await h.browser({ viewport: PHONE }));
  });
  after(() => h.close());

  it('every report is in the build', () => assert.equal(reports.length, 6, reports.join(', ')));

  it(`at 200 % text on a ${PHONE.width} px phone, every report's title starts within ${FIRST_SCREEN} px`, async () => {
    await tp.page.setViewportSize(PHONE);
    const tops = [];
    for (const report of reports) {
      await tp.goto(site.url + report);
      await tp.page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      const m = await tp.page.evaluate(() => ({
        title: Math.round(document.querySelector('main h1').getBoundingClientRect().top),
        crumbs: [...document.querySelectorAll('.breadcrumbs li')].filter((li) => li.getBoundingClientRect().height > 0).map((li) => li.textContent.trim()),
      }));
      tops.push(`${report}: ${m.title} px`);
      assert.ok(m.title <= FIRST_SCREEN, `${report}: the title starts at ${m.title} px`);
      // The compact trail: only the way up (the report's theme).
      assert.equal(m.crumbs.length, 1, `${report}: ${m.crumbs.join(' › ')}`);
    }
    console.log(`reading: title top at 200 % text on ${PHONE.width} px: ${tops.join(', ')}`);
    // At ordinary text size the whole trail stays.
    await tp.goto(site.url + reports[0]);
    const all = await tp.page.evaluate(() => [...document.querySelectorAll('.breadcrumbs li')].filter((li) => li.getBoundingClientRect().height > 0).length);
    assert.equal(all, 4, 'Home › Thema\'s › theme › report at 100 %');
  });

  it('long words are hyphenated in Dutch, not cut', async () => {
    await tp.goto(site.url + reports[0]);
    const r = await tp.page.evaluate(() => ({
      lang: document.documentElement.lang,
      hyphens: [...document.querySelectorAll('main :is(h1, h2, p, li, dd)')].map((el) => getComputedStyle(el).hyphens),
    }));
    assert.equal(r.lang, 'nl');
    assert.deepEqual([...new Set(r.hyphens)], ['auto']);
  });

  describe('headings are named by their text alone, and <main> has no named regions', () => {
    for (const address of [...reports, 'themas/eenzaamheid/', 'initiatieven/sociaal-cafe/', '']) {
      it(address || '(home)', async () => {
        await tp.goto(site.url + address);
        const dom = await tp.page.evaluate(() =>
          [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
        );
        const headings = await axOf(tp.page, 'h1, h2, h3, h4, h5, h6');
        assert.deepEqual(headings.map((n) => n.role), dom.map(() => 'heading'));
        assert.deepEqual(headings.map((n) => n.name), dom, 'the accessible names of the headings');
        const permalinks = await axOf(tp.page, 'main .permalink');
        if (address.startsWith('rapporten/')) assert.ok(permalinks.length >= 3, 'a report has permalinks');
        assert.ok(
          permalinks.every((n) => n.role === 'link' && /^Directe link naar ‘.+’$/.test(n.name)),
          `the permalinks are links of their own: ${JSON.stringify(permalinks.slice(0, 3))}`,
        );
        const parts = await axOf(tp.page, 'main :is(section, article, aside, div, nav, [aria-label], [aria-labelledby])');
        assert.deepEqual(parts.filter((n) => n.role === 'region').map((n) => n.name), [], 'named regions in <main>');
      });
    }
  });

  it('the closing text is set apart, visibly and for a screen reader', async () => {
    let closings = 0;
    for (const report of reports) {
      await tp.goto(site.url + report);
      const seen = await tp.page.evaluate(() => {
        const closing = document.querySelector('.report-text > section#slot');
        if (!closing) return null;
        const rule = closing.previousElementSibling;
        const style = (el) => getComputedStyle(el);
        return {
          rule: rule?.tagName,
          visible: rule ? rule.getBoundingClientRect().height > 0 && style(rule).borderTopStyle !== 'none' : false,
          boxed: style(closing).backgroundColor !== style(document.body).backgroundColor,
          first: closing.textContent.trim().slice(0, 40),
        };
      });
      if (!seen) continue;
      closings += 1;
      assert.deepEqual({ rule: seen.rule, visible: seen.visible, boxed: seen.boxed }, { rule: 'HR', visible: true, boxed: true }, `${report}: ${seen.first}`);
      // In the accessibility tree: a separator right before the closing text.
      const [rule] = await axOf(tp.page, '.report-text > hr');
      assert.equal(rule?.role, 'separator', `${report}: ${JSON.stringify(rule)}`);
    }
    assert.equal(closings, 5, 'five reports have a closing text (Sociale kwaliteit has its own heading)');
  });

  it("an initiative page with the editors' links: apart from the report's words, and axe finds nothing", async () => {
    await tp.page.setViewportSize(PHONE);
    await tp.goto(`${minimal.url}initiatieven/sociaal-cafe/`);
    const r = await tp.page.evaluate(() => {
      const box = document.querySelector('section.editorial-links');
      return {
        heading: box?.querySelector('h2')?.textContent,
        links: [...(box?.querySelectorAll('a') ?? [])].map((a) => a.href),
        insideQuote: !!box?.closest('.support, blockquote, .mentions'),
      };
    });
    assert.deepEqual(r, { heading: 'Links van de redactie', links: ['https://sociaal-cafe.example.net/'], insideQuote: false });
    const headings = await axOf(tp.page, 'section.editorial-links h2');
    assert.deepEqual(headings.map((n) => [n.role, n.name]), [['heading', 'Links van de redactie']]);
    for (const scheme of Object.keys(SCHEMES)) {
      await tp.page.emulateMedia(SCHEMES[scheme]);
      await tp.page.addScriptTag({ path: AXE });
      const result = await tp.page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        AXE_TAGS,
      );
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], scheme);
    }
    await tp.page.emulateMedia(SCHEMES.light);
  });
});
