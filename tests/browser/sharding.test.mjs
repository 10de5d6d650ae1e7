// A sharded search index gives the same answers as one index. The real site is built twice:
// as it is (one index file) and from a copy with a 1 KB budget and 1 KB shards (dozens of
// shards). The search engine of search.js runs in Node on both (tests/browser/engine.mjs),
// and every resident query of the search tests, plus prefixes, typos and stop words, must give
// the same results, scores, "bedoelde u" suggestion and shown documents — while the sharded
// site loads only a few of its files per query.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import vm from 'node:vm';

import { loadSearch, shardedCopy } from './engine.mjs';
import { ROOT, buildSite } from './helpers.mjs';
import { QUERIES } from './queries.mjs';

const MORE = ['g', 'a', 'ge', 'de en het', 'eenzaamhied', 'huisats', 'jongeren almere', '2023', 'xyzzy', 'cafe', 'taal', 'wijk team', 'ÉÉN', "collega's"];

describe('sharded search', () => {
  const cleanup = [];
  let single;
  let singleDir;
  let shardedDir;
  let shardCount;

  before(async () => {
    const root = shardedCopy(1);
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const [a, b] = await Promise.all([buildSite(), buildSite({ root })]);
    cleanup.push(() => rmSync(a, { recursive: true, force: true }), () => rmSync(b, { recursive: true, force: true }));
    single = loadSearch(a);
    singleDir = a;
    shardedDir = b;
    // Every part named by its own hash, in one folder (src/search/files.rs).
    const parts = readdirSync(path.join(b, 'static', 'zoek'));
    assert.ok(parts.every((f) => /^(i|d|t)\d+\.[0-9a-f]{10}\.js$|^(woorden|lengtes)\.[0-9a-f]{10}\.js$/.test(f)), `part names: ${parts}`);
    assert.equal(parts.filter((f) => f.startsWith('lengtes.')).length, 1, 'one table of field lengths, none in the shards');
    shardCount = parts.filter((f) => /^i\d+\./.test(f)).length;
  });

  after(() => cleanup.reverse().forEach((fn) => fn()));

  it('"bedoelde u": more than one correction, nearest first, the same from both index forms', async () => {
    // The single file leaves out the words that are terms and rebuilds them from its term list
    // (src/search/words.rs); the shards ship the words whole. Both must offer the same words.
    for (const q of ['wijkk', 'buurtt', 'huiss', 'eenzaamhied', 'lezen']) {
      const [x, y] = await Promise.all([single.suggestions(q), loadSearch(shardedDir).suggestions(q)]);
      assert.deepEqual(y, x, `"${q}"`);
    }
    const wijk = await single.suggestions('wijkk');
    assert.ok(wijk.length > 1, `one correction only: ${wijk}`);
    assert.equal(wijk[0], 'wijk');
    assert.deepEqual(await single.suggestions('eenzaamheid'), [], 'a word of the site gets no correction');
  });

  it('every document a result can show is read back to a page and a part of it that exist, titled as its heading', () => {
    // The index leaves out what a document shares with the one before or its own text
    // (src/search/documents.rs, `written`): an address `#id` or ending in `#`, a title given
    // as a length. shownOf must put back each document's real address and title.
    const docs = single.shown();
    assert.ok(docs.length > 50, `${docs.length} documents`);
    const pages = new Map();
    const html = (page) => {
      if (!pages.has(page)) pages.set(page, readFileSync(path.join(singleDir, page, 'index.html'), 'utf8'));
      return pages.get(page);
    };
    const entities = { '&amp;': '&', '&#x27;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>' };
    let headings = 0;
    for (const d of docs) {
      const [page, id] = d.u.split('#');
      const text = html(page);
      if (id === undefined) continue;
      assert.ok(id !== '', `${d.u}: no id`);
      assert.ok(text.includes(` id="${id}"`), `${d.u}: no part with that id on ${page}`);
      const heading = new RegExp(`<h[2-6] id="${id}"[^>]*>([^<]*)</h`).exec(text);
      if (!heading) continue;
      headings++;
      assert.equal(d.t, heading[1].replace(/&[#\w]+;/g, (e) => entities[e] ?? e), d.u);
    }
    assert.ok(headings > 30, `${headings} documents titled by their heading`);
  });

  it('the real site has one index file, the copy dozens of shards', () => {
    assert.ok(single.fetched.some((f) => f.path === 'zoekindex.js'));
    assert.ok(shardCount >= 30, `${shardCount} shards`);
  });

  for (const q of [...QUERIES.map((c) => c.q), ...MORE]) {
    it(`"${q}": same results, scores, suggestion and documents`, async () => {
      // A fresh engine, so that what it loads is what this query needs.
      const fresh = loadSearch(shardedDir);
      fresh.reset();
      const [x, y] = await Promise.all([single.answer(q, 50), fresh.answer(q, 50)]);
      // Each site's engine lives in its own context: compare as plain data (JSON keeps every
      // bit of a score).
      const plain = (v) => JSON.parse(JSON.stringify(v));
      assert.deepEqual(plain(y.found), plain(x.found));
      assert.equal(y.corrected, x.corrected);
      assert.deepEqual(plain(y.docs), plain(x.docs));
      const shards = fresh.fetched.filter((f) => /\/i\d+\.\w+\.js$/.test(f.path)).length;
      assert.ok(shards < shardCount / 2, `"${q}" loaded ${shards} of ${shardCount} shards`);
    });
  }

  it('the most frequent words, alone and in pairs: the same first 20 results', async () => {
    // The terms with the most postings in the single index (compact form, see
    // Postings::compact_json): the common words whose long postings the shards carry whole.
    const context = vm.createContext({});
    context.window = context;
    vm.runInContext(readFileSync(path.join(singleDir, 'zoekindex.js'), 'utf8'), context);
    vm.runInContext(readFileSync(path.join(ROOT, 'themes/almere/static/search-engine.js'), 'utf8'), context);
    const index = context.vindplaatsZoekdata.index;
    // Each posting's first number is odd when a count follows (Postings::compact_json).
    const { numbers } = context.vindplaatsZoeken;
    const postings = (text) => {
      const list = numbers(text);
      let n = 0;
      for (let k = 0; k < list.length; k += list[k] % 2 ? 2 : 1) n += 1;
      return n;
    };
    const frequent = index.terms
      .map((term, t) => [term, postings(index.title[t]) + postings(index.body[t])])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 12)
      .map(([term]) => term);
    assert.ok(frequent.includes('almer'), `frequent: ${frequent}`);
    const queries = [...frequent, ...frequent.slice(1).map((w, k) => `${frequent[k]} ${w}`)];
    const plain = (v) => JSON.parse(JSON.stringify(v));
    for (const q of queries) {
      const fresh = loadSearch(shardedDir);
      const [x, y] = await Promise.all([single.answer(q, 20), fresh.answer(q, 20)]);
      assert.ok(x.shown.length === 20, `"${q}": ${x.shown.length} results`);
      assert.deepEqual(plain(y.shown), plain(x.shown), `"${q}"`);
      assert.deepEqual(plain(y.docs), plain(x.docs), `"${q}"`);
    }
  });

  it('words themselves rank above synonyms and compound parts, in one index and in shards', async () => {
    for (const dir of [null, shardedDir]) {
      const engine = dir ? loadSearch(dir) : single;
      for (const q of ['spelen', 'geld', 'buurthuis', 'jeugd', 'plek']) {
        const { found } = await engine.answer(q, 50);
        // Found by the word itself, or only through a synonym or compound (a result found
        // only in a list of organisations, matched 0, comes after both).
        const exact = found.results.filter((r) => r.matched > 0).map((r) => r.exactly > 0);
        const firstExpanded = exact.indexOf(false);
        assert.ok(firstExpanded > 0, `"${q}": no result found through a synonym or compound (${exact})`);
        assert.ok(exact.slice(firstExpanded).every((e) => !e), `"${q}": a result with the word itself after one found only through a synonym or compound: ${exact}`);
        assert.ok(found.results.every((r, k) => k === 0 || r.matched <= found.results[k - 1].matched), `"${q}": results found in the text after one found only in a list of organisations`);
      }
      const spelen = await engine.answer('spelen', 50);
      assert.ok(spelen.docs.some((d) => d.u === 'initiatieven/droomspeelbus/'), '"spelen" does not reach the Droomspeelbus');
    }
  });

  it('one-word and two-word queries load only a few shards: at most two a term they reach', async () => {
    for (const q of ['buurthuis', 'naamloze pilot', 'woningen']) {
      const fresh = loadSearch(shardedDir);
      fresh.reset();
      await fresh.answer(q, 10);
      const shards = fresh.fetched.filter((f) => /\/i\d+\.\w+\.js$/.test(f.path));
      // "buurthuis" reaches its synonyms and compounds too, each maybe in a shard.
      const terms = (await fresh.expand(q)).length;
      assert.ok(shards.length >= 1 && shards.length <= 2 * terms, `"${q}" (${terms} terms): ${shards.map((f) => f.path)}`);
    }
  });

  it('a missing part is an error, never a silently shorter answer', async () => {
    const fresh = loadSearch(shardedDir);
    const parts = path.join(shardedDir, 'static', 'zoek');
    const shards = readdirSync(parts).filter((f) => /^i\d+\./.test(f));
    for (const f of shards) renameSync(path.join(parts, f), path.join(parts, `${f}.weg`));
    try {
      await assert.rejects(fresh.answer('buurthuis', 10), /ENOENT|niet laden/);
    } finally {
      for (const f of shards) renameSync(path.join(parts, `${f}.weg`), path.join(parts, f));
    }
    const answer = await fresh.answer('buurthuis', 10);
    assert.ok(answer.found.results.length > 0, 'a later query loads the part again');
  });
});
