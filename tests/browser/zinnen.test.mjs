// Sentence parity: "Lees voor" (leesvoor-lezer.js) reads a text in the sentences the site
// quotes it in (src/text.rs sentence_ends, through `vindplaats sentences`). Issue 24 found them
// apart on two spaces after a full stop ("\s+" in the browser, one space in Rust). Compared
//   1. in Chromium, on the text of every block of every real report page (headings,
//      paragraphs, list items, the facts), with the reader's own rule (`vindplaatsLezer.zinnen`
//      from the script the page loads);
//   2. in Node, on adversarial texts: runs and kinds of white space (NBSP, NEL, U+2028, BOM,
//      tabs), capitals the two languages might class apart (Ⅱ, Ⓐ, ǅ, Greek, Cyrillic),
//      opening quotes, digits and lower case after a full stop.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { after, describe, it } from 'node:test';

import { Harness, ROOT, binaryPath, ensureBinary, trackedPage } from './helpers.mjs';

/** Rust's sentences of each text: one JSON string in, one JSON list out, per line. */
function rustSentences(texts) {
  ensureBinary();
  const run = spawnSync(binaryPath(), ['sentences'], {
    input: texts.map((t) => JSON.stringify(t)).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout.split('\n');
  out.pop();
  assert.equal(out.length, texts.length, 'one answer per text');
  return out.map((l) => JSON.parse(l));
}

/** The reader's rule, from the theme's script, run in Node. */
function nodeZinnen() {
  const window = {};
  vm.runInNewContext(readFileSync(path.join(ROOT, 'themes/almere/static/leesvoor-lezer.js'), 'utf8'), { window });
  return (s) => window.vindplaatsLezer.zinnen(s).map(([a, b]) => s.slice(a, b));
}

function differences(texts, js) {
  const rust = rustSentences(texts);
  return texts
    .map((t, i) => (JSON.stringify(js[i]) === JSON.stringify(rust[i]) ? null : `${JSON.stringify(t)}:\n      rust ${JSON.stringify(rust[i])}\n      js   ${JSON.stringify(js[i])}`))
    .filter(Boolean);
}

const ADVERSARIAL = [
  'Een belangrijk onderwerp waar jullie je vol voor inzetten.  Namens de gemeente Almere bedanken wij jullie.',
  'Eén.\tTwee.\nDrie.\u00a0Vier.\u0085Vijf.\u2028Zes.\ufeffZeven.\u3000Acht.\u200bNegen.',
  'Deel Ⅱ. Ⅲ is een Romeins cijfer. Zie Ⓐ. Ⓑ staat in een cirkel.',
  'Titel. ǅemal is een hoofdletter van een ander soort. Ωmega. Ζeta. Жук.',
  'Hij zei: ‘ja’. ‘Nee’, zei zij. “Goed.” "Ook goed." \'Zo.\' (Tussen haakjes.) [Niet zo.]',
  'max. 10.000 inwoners, bv. de buurtbieb. o.a. jongeren. 16+ regel. Ja! Nee? Misschien.',
  'Eindigt met een punt.   ',
  '   Begint met ruimte. En gaat door.',
  '...Drie punten. ?! Vraag? Uitroep! Slot.',
  'a.B c.  d e. F',
  '',
];

describe('"Lees voor" reads in the sentences the site quotes', () => {
  const h = new Harness();
  after(() => h.close());

  it('the text of every real report page, in Chromium', async () => {
    const site = await h.site();
    const tp = await trackedPage(await h.browser({ viewport: { width: 1280, height: 900 } }));
    const reports = site.pages.filter((p) => /^rapporten\/[^/]+\/$/.test(p.urlPath));
    assert.ok(reports.length >= 6, `${reports.length} report pages`);
    const texts = [];
    const js = [];
    for (const report of reports) {
      await tp.goto(site.url + report.urlPath);
      const reader = await tp.page.locator('[data-leesvoor]').getAttribute('data-leesvoor');
      await tp.page.addScriptTag({ url: new URL(reader, tp.page.url()).href });
      const found = await tp.page.evaluate(() =>
        [...document.querySelectorAll('main :is(h1, h2, h3, p, li, dt, dd, blockquote)')].map((el) => {
          const s = el.textContent;
          return { s, z: window.vindplaatsLezer.zinnen(s).map(([a, b]) => s.slice(a, b)) };
        }),
      );
      for (const { s, z } of found) {
        texts.push(s);
        js.push(z);
      }
    }
    const diff = differences(texts, js);
    const sentences = js.reduce((n, z) => n + z.length, 0);
    console.log(`zinnen: ${texts.length} blocks of ${reports.length} reports, ${sentences} sentences, ${diff.length} differences`);
    assert.ok(sentences > 400, `${sentences} sentences`);
    assert.deepEqual(diff.slice(0, 10), [], `${diff.length} differences`);
    assert.deepEqual(tp.problems(), []);
  });

  it('adversarial texts, in Node', () => {
    const zinnen = nodeZinnen();
    const js = ADVERSARIAL.map(zinnen);
    assert.deepEqual(differences(ADVERSARIAL, js), []);
    // The case of issue 24: two spaces after a full stop end a sentence in both.
    assert.equal(js[0].length, 2, JSON.stringify(js[0]));
  });
});
