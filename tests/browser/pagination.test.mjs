// Pages of a long list (issue 17 item 4) in Chromium: the minimal site with 250 more reports,
// so the list of reports, the topic page and the round's page each have two pages, and 210
// more organisations (one named by each of the first 210 reports), so the organisations page
// has two and the fixture's two organisations, at every table, have an own page of two. On the
// first and a later page of each: axe-core (WCAG 2.2 A/AA) without violations, html-validate
// without errors, the pagination nav labelled, the current page marked, and its links leading
// to the other page. The home page, which then lists a round's newest reports only, too.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { HtmlValidate } from 'html-validate';

import { Harness, ROOT, lines, trackedPage } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const EXTRA = 250;
const EXTRA_ORGANISATIONS = 210;
const PAGES = [
  'rapporten/',
  'rapporten/pagina/2/',
  'themas/eenzaamheid/pagina/2/',
  'edities/2023/pagina/2/',
  'organisaties/',
  'organisaties/pagina/2/',
  'organisaties/de-schoor/pagina/2/',
];

const h = new Harness();
let site;
let context;

before(async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-long-'));
  h.defer(() => rm(root, { recursive: true, force: true }));
  await cp(path.join(ROOT, 'tests/fixtures/minimal'), root, { recursive: true });
  const reports = path.join(root, 'content/rapporten');
  const original = await readFile(path.join(reports, 'verslag.md'), 'utf8');
  for (let i = 0; i < EXTRA; i += 1) {
    const day = new Date(Date.UTC(2023, 0, 1 + (i % 365))).toISOString().slice(0, 10);
    let text = original
      .replace('date = 2023-05-23', `date = ${day}`)
      .replace('title = "Verslag thematafel Eenzaamheid"', `title = "Verslag thematafel Eenzaamheid ${i}"`);
    if (i < EXTRA_ORGANISATIONS) {
      text = text.replace('organisations = ["De Schoor", "VMCA"]', `organisations = ["De Schoor", "VMCA", "Organisatie ${i}"]`);
    }
    await writeFile(path.join(reports, `verslag-${String(i).padStart(3, '0')}.md`), text);
  }
  const organisations = path.join(root, 'content/organisaties.toml');
  let toml = await readFile(organisations, 'utf8');
  for (let i = 0; i < EXTRA_ORGANISATIONS; i += 1) {
    toml += `\n[[organisatie]]\nname = "Organisatie ${i}"\nslug = "organisatie-${i}"\nvariants = ["Organisatie ${i}"]\n`;
  }
  await writeFile(organisations, toml);
  site = await h.site({ root, prefix: '/', csp: false });
  context = await h.browser({ viewport: { width: 360, height: 780 } });
});

after(() => h.close());

async function axeAndValidate(page, urlPath) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), []);
  const config = JSON.parse(readFileSync(new URL('./.htmlvalidate.json', import.meta.url), 'utf8'));
  const report = await new HtmlValidate(config).validateFile(path.join(site.dir, urlPath, 'index.html'));
  const errors = report.results.flatMap((r) => r.messages).filter((m) => m.severity === 2);
  assert.equal(errors.length, 0, lines(errors.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)));
}

describe('the home page of a long round', () => {
  it('lists the newest reports, links to all, passes axe and html-validate', async () => {
    const tp = await trackedPage(context);
    await tp.goto(site.url);
    const { page } = tp;
    assert.equal(await page.locator('.report-list li').count(), 12);
    await page.getByRole('link', { name: `Alle ${EXTRA + 1} verslagen van 2023` }).click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /\/edities\/2023\/$/);
    await tp.goto(site.url);
    await axeAndValidate(page, '');
  });
});

describe('pages of a long list', () => {
  for (const urlPath of PAGES) {
    it(`${urlPath}: axe, html-validate and the pagination nav`, async () => {
      const tp = await trackedPage(context);
      await tp.goto(site.url + urlPath);
      const { page } = tp;
      await axeAndValidate(page, urlPath);

      const nav = page.locator('nav[aria-label="Paginering"]');
      assert.equal(await nav.count(), 1);
      const current = nav.locator('[aria-current="page"]');
      assert.equal(await current.count(), 1);
      const number = urlPath.includes('/pagina/') ? '2' : '1';
      assert.equal((await current.innerText()).replace(/\s+/g, ' ').trim(), `Pagina ${number}`);
      // The other page, by its link in the nav.
      const other = number === '1' ? 'Volgende pagina' : 'Vorige pagina';
      await nav.getByRole('link', { name: other }).click();
      await page.waitForLoadState('load');
      const otherCurrent = await page.locator('nav[aria-label="Paginering"] [aria-current="page"]').innerText();
      assert.equal(otherCurrent.replace(/\s+/g, ' ').trim(), `Pagina ${number === '1' ? '2' : '1'}`);
    });
  }
});
