// Hostile content: a report with <img onerror>, <script>, javascript: links and <svg onload>
// in a heading and in body text (tests/fixtures/hostile). Nothing may execute in Chromium —
// not on the report page, not in search results — under the site's strict CSP.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { Harness, ROOT, trackedPage, waitForResults } from './helpers.mjs';

const h = new Harness();
let site;
let context;
const dialogs = [];

before(async () => {
  site = await h.site({ root: path.join(ROOT, 'tests/fixtures/hostile'), csp: true });
  context = await h.browser();
});
after(() => h.close());

test('the hostile report renders without executing anything', async () => {
  const tracked = await trackedPage(context);
  const { page } = tracked;
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await tracked.goto(site.url + 'rapporten/verslag/');
  await page.waitForTimeout(500);
  assert.deepEqual(dialogs, []);
  const dangerous = await page.evaluate(() => ({
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    scripts: [...document.querySelectorAll('main script')].length,
    js: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
    svg: document.querySelectorAll('main svg').length,
  }));
  assert.deepEqual(dangerous, { handlers: 0, scripts: 0, js: 0, svg: 0 });
  // The code spans show the markup as text.
  const text = await page.textContent('main');
  assert.match(text, /<img src=x onerror=alert\(5\)>/);
  // The sanitised <img src=x> is still an image that does not exist: that 404 is expected.
  assert.deepEqual(tracked.problems().filter((p) => !/verslag\/x\b/.test(p)), []);
  assert.deepEqual(await tracked.cspViolations(), []);
});

test('search results and snippets are text, never HTML', async () => {
  const tracked = await trackedPage(context, { reuseFirst: false });
  const { page } = tracked;
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await tracked.goto(site.url + 'zoeken/?q=' + encodeURIComponent('onerror zoekwoord'));
  await waitForResults(page, '#zoekresultaten', 'onerror zoekwoord');
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  const results = await page.evaluate(() => [...document.querySelectorAll('#zoekresultaten li')].map((li) => ({
    elements: [...li.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
    text: li.textContent,
  })));
  assert.ok(results.length > 0, 'the hostile section is found');
  for (const r of results) {
    assert.ok(r.elements.every((t) => ['a', 'p', 'mark'].includes(t)), `unexpected elements: ${r.elements}`);
  }
  assert.ok(results.some((r) => r.text.includes('<img src=x onerror=alert(5)>')), 'the markup is shown as text');
  assert.deepEqual(tracked.problems(), []);
});
