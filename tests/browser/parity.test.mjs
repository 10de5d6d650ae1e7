// Parity: the browser's Dutch pipeline (search-nl.js + the vendored stemmer) must make exactly
// the terms that the Rust indexer makes (`vindplaats search-terms`), for every word of the site,
// of Debian's Dutch word list and of generated adversarial tokens, with the stemmer overrides;
// the compound splitter must split every word of that list alike, and a query must reach the
// same terms (synonyms, compounds, the parts of a word the site lacks) on both sides. One
// difference is a word that can be indexed but never found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

import { loadSearch } from './engine.mjs';
import { buildSite } from './helpers.mjs';
import { QUERIES } from './queries.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = join(root, 'target', 'release', 'vindplaats');
const DICT = '/usr/share/dict/dutch';

function browserPipeline() {
  const window = {};
  const context = vm.createContext({ window });
  for (const file of ['vendor/lunr-nl.min.js', 'search-nl.js']) {
    vm.runInContext(readFileSync(join(root, 'themes/almere/static', file), 'utf8'), context, { filename: file });
  }
  return window.vindplaatsNl;
}

function rustTerms(lines, unstemmed) {
  if (!existsSync(binary)) {
    const built = spawnSync('cargo', ['build', '--release', '--quiet'], { cwd: root, stdio: 'inherit' });
    assert.equal(built.status, 0, 'cargo build --release failed');
  }
  const args = ['search-terms'].concat(unstemmed ? ['--unstemmed'] : []);
  const run = spawnSync(binary, args, { input: lines.join('\n') + '\n', maxBuffer: 1 << 28, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout.split('\n');
  out.pop();
  assert.equal(out.length, lines.length, 'one line of terms per input line');
  return out.map((l) => JSON.parse(l));
}

function compare(name, lines) {
  const nl = browserPipeline();
  for (const stemmed of [true, false]) {
    const rust = rustTerms(lines, !stemmed);
    const differences = [];
    lines.forEach((line, i) => {
      const js = nl.terms(line, stemmed);
      if (JSON.stringify(js) !== JSON.stringify(rust[i])) differences.push(`${JSON.stringify(line)}: rust ${JSON.stringify(rust[i])} js ${JSON.stringify(js)}`);
    });
    console.log(`parity ${name} (${stemmed ? 'stemmed' : 'unstemmed'}): ${lines.length} lines, ${differences.length} differences`);
    assert.deepEqual(differences.slice(0, 20), [], `${differences.length} differences`);
  }
}

/** Every whitespace-separated token of the content, as written (punctuation and all). */
function siteVocabulary() {
  const words = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(md|toml)$/.test(entry.name)) for (const w of readFileSync(path, 'utf8').split(/\s+/)) if (w) words.add(w);
    }
  };
  walk(join(root, 'content'));
  return [...words].sort();
}

/** Tokens chosen to break a pipeline: digits, apostrophes, dashes, accents, emoji, scripts. */
function adversarial() {
  const fixed = [
    '2023', '10.000', '7%', 'platform31', 'Platform 31', '16+', '0-12', 'UWV/W&I', 'W&I', 'a/b\\c', '1⁄2', 'x∕y', 'Ａ／Ｂ',
    "collega's", 'Collega’s', '’s-Hertogenbosch', "zo'n", "s'", "'s", "''", '`quote`', 'ʼokina', 'auto´s',
    'post-its', 'Almere-Poort', 'a–b', 'a—b', 'a‐b', 'a‑b', '−5', '-', '--', '–',
    'ideeën', 'cliënt', 'café', 'naïef', 'Ångström', 'ÇA', 'être', 'taalbarrière', 'Einzelgänger', 'coördinatie',
    'e\u0301', 'zelf\u00adredzaam', 'a\u200bb', '\ufeffbom', 'ﬁnance', 'ＡＢＣ', '½', 'x²', 'Ⅻ', '①', 'ǅ',
    '😀', 'a😀b', '👩‍👩‍👧', '𝐀𝐁𝐂', '𐐷', 'Ελλάδα', 'ΣΟΦΟΣ', 'ΣΑΣ', 'москва', 'ĲSSEL', 'ĳs', 'İstanbul', 'ß', 'STRASSE',
    '東京', 'مرحبا', 'שלום', 'हिन्दी', '‘rode’', '“test”', '(GGD)', '[x]', '...', '#', '@', 'e-mail', 'x@y.nl',
    'https://www.movisie.nl/a%20b.pdf', 'Wlz', 'AVG-wetgeving', 'ESAR', 'JAMES', 'm.b.t.', 'o.a.', 'bv.', 'Vb.',
    'gezin', 'gezinnen', 'buurthuis', 'buurthuizen', 'wijkteam', 'wijkteams', 'de', 'het', 'een', 'DE', 'Het',
  ];
  // Seeded generator: the same tokens on every run, so a failure can be reproduced.
  let seed = 20230516;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pool = Array.from("aeiouyblnrstzkABCÉéëèêàçñöüïâ0123456789'’‘-–—/\\.,;:!?()«»“”ʼ`\u00ad\u0301\u0308😀ΣσςЖж東ﬁ½²ĳİß ");
  const generated = [];
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(next() * 14);
    let s = '';
    for (let j = 0; j < n; j++) s += pool[Math.floor(next() * pool.length)];
    generated.push(s);
  }
  return fixed.concat(generated);
}

/** `vindplaats search-terms` with `args`, one answer per line of `lines`. */
function rustLines(args, lines) {
  const run = spawnSync(binary, ['search-terms', ...args], { input: lines.join('\n') + '\n', maxBuffer: 1 << 30, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout.split('\n').slice(0, -1).map((l) => JSON.parse(l));
  assert.equal(out.length, lines.length);
  return out;
}

/** Compares what a query reaches in Rust (`search-terms --uitbreiden`) and in the engine. */
async function compareExpansions(name, engine, lines) {
  const rust = rustLines(['--uitbreiden', '--root', root], lines);
  const differences = [];
  let expanded = 0;
  let split = 0;
  for (const [i, line] of lines.entries()) {
    const js = (await engine.expand(line)).map((r) => [r.word, r.piece, r.term, r.weight]);
    if (js.some((r) => r[3] < 1)) expanded++;
    if (js.some((r) => r[1] > 0)) split++;
    if (JSON.stringify(js) !== JSON.stringify(rust[i])) differences.push(`${JSON.stringify(line)}: rust ${JSON.stringify(rust[i])} js ${JSON.stringify(js)}`);
  }
  console.log(`parity expansion ${name}: ${lines.length} lines, ${expanded} expanded, ${split} split into parts, ${differences.length} differences`);
  assert.deepEqual(differences.slice(0, 20), [], `${differences.length} differences`);
  return { expanded, split };
}

test('synonyms, compounds and split query words: a query reaches the same terms with the same weights in Rust and in the browser', async () => {
  const dir = await buildSite();
  try {
    const engine = loadSearch(dir);
    // Every word of the synonym groups, the site's words and resident queries of several words.
    const groups = readFileSync(join(root, 'content', 'synoniemen.toml'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('woorden'))
      .flatMap((l) => l.match(/"[^"]*"/g).map((w) => w.slice(1, -1)));
    const { EVERYDAY } = await import('./queries.mjs');
    const lines = [...groups, ...siteVocabulary(), ...QUERIES.map((c) => c.q), ...EVERYDAY.map((c) => c.q), 'geld jeugd', 'speel plek buurt', 'de geldzorgen van jongeren', 'taalcafe', 'speelbus buurthuiskamer'];
    const site = await compareExpansions('site words and queries', engine, lines);
    assert.ok(site.expanded > 50, `only ${site.expanded} lines reach a synonym or compound`);
    // Debian's list: most of its words are no word of the site, so the browser splits them
    // against the site's words and parts, as Rust does.
    const words = readFileSync(DICT, 'utf8').split('\n').filter((w, i) => w !== '' && i % 4 === 0);
    const dict = await compareExpansions('wdutch (every 4th word)', engine, words);
    assert.ok(dict.split > 1000, `only ${dict.split} words split`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the compound splitter: the same parts in Rust and in the browser for every word of Debian's list", () => {
  const nl = browserPipeline();
  const text = readFileSync(DICT, 'utf8');
  const all = text.split('\n').filter((w) => w !== '');
  // The word list as src/search/compounds.rs embeds it: words written in lower case, folded,
  // letters a–z only, three or more.
  const lexicon = new Set(all.filter((w) => w === w.toLowerCase()).map((w) => nl.folded(w)).filter((w) => w && /^[a-z]{3,}$/.test(w)));
  assert.ok(lexicon.size > 300000, `${lexicon.size} words`);
  const rust = rustLines(['--splitsen'], all);
  const differences = [];
  let split = 0;
  all.forEach((w, i) => {
    const js = nl.split(nl.folded(w.trim()) || '', (p) => lexicon.has(p));
    if (js) split++;
    if (JSON.stringify(js) !== JSON.stringify(rust[i])) differences.push(`${w}: rust ${JSON.stringify(rust[i])} js ${JSON.stringify(js)}`);
  });
  console.log(`parity splitting wdutch: ${all.length} words, ${split} split, ${differences.length} differences`);
  assert.ok(split > 50000, `only ${split} words split`);
  assert.deepEqual(differences.slice(0, 20), [], `${differences.length} differences`);
});

test('stemmer overrides: the same terms in Rust and in the browser, and "ouderen" is not "ouders"', () => {
  const nl = browserPipeline();
  const listed = readFileSync(join(root, 'src', 'search', 'stem-overrides.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split(/\s+/)[0]);
  assert.ok(listed.length >= 5, listed.join(' '));
  const lines = [...listed, ...listed.map((w) => w.toUpperCase()), 'ouders', 'ouder', 'steden', 'wet', 'open'];
  compare('stemmer overrides', lines);
  assert.notDeepEqual(nl.terms('ouderen', true), nl.terms('ouders', true));
});

test('the site vocabulary gives the same terms in Rust and in the browser', () => {
  compare('site vocabulary', siteVocabulary());
});

test('adversarial tokens give the same terms in Rust and in the browser', () => {
  compare('adversarial', adversarial());
});

test("Debian's Dutch word list gives the same terms in Rust and in the browser", () => {
  assert.ok(existsSync(DICT), `${DICT} is missing: install Debian's wdutch package (scripts/test-browser does)`);
  const words = readFileSync(DICT, 'utf8').split('\n').filter((w) => w !== '');
  assert.ok(words.length > 100000, `only ${words.length} words in ${DICT}`);
  compare('wdutch', words);
});

// Marking (mark.js): a word is marked on a page opened from a result exactly when the index
// matches it — its term starts with a term of the query (elasticlunr's prefix expansion) — with
// both sides' terms made by Rust. Over the site's words and Debian's list, for the resident
// queries and prefixes.
test('mark.js marks exactly the words the index matches, for the resident queries', async () => {
  const { QUERIES } = await import('./queries.mjs');
  const window = {};
  const context = vm.createContext({ window });
  for (const file of ['vendor/lunr-nl.min.js', 'search-nl.js', 'mark.js']) {
    vm.runInContext(readFileSync(join(root, 'themes/almere/static', file), 'utf8'), context, { filename: file });
  }
  const nl = window.vindplaatsNl;
  const mark = window.vindplaatsMarkeer;
  const queries = [...new Set(QUERIES.map((c) => c.q).concat(['jong', 'eenzaam jongeren', 'buurthuizen wijkteams', 'ggz', 'geld']))];
  // A result found through a synonym, compound or part carries those terms in `ook`: marked
  // where a word's term is one of them exactly.
  const also = ['droomspeelbus', 'speelplek', 'ouderen', 'jonger', 'schuld'];
  const words = siteVocabulary().concat(readFileSync(DICT, 'utf8').split('\n').filter((w, i) => w !== '' && i % 10 === 0));
  const wordTerms = rustTerms(words, false);
  const queryTerms = rustTerms(queries, false);
  const differences = [];
  let marked = 0;
  queries.forEach((q, k) => {
    const query = [...mark.terms(nl, q)];
    assert.deepEqual(query, [...new Set(queryTerms[k])].slice(0, mark.MAX_WORDS), `terms of "${q}"`);
    words.forEach((w, i) => {
      const js = nl.tokenize(w).some((t) => mark.matches(nl, query, t, also));
      const rust = wordTerms[i].some((t) => queryTerms[k].some((qt) => t.startsWith(qt)) || also.includes(t));
      if (js) marked += 1;
      if (js !== rust) differences.push(`"${q}" on ${JSON.stringify(w)}: rust ${rust} js ${js}`);
    });
  });
  console.log(`parity marking: ${queries.length} queries × ${words.length} words, ${marked} marked, ${differences.length} differences`);
  assert.ok(marked > 100);
  assert.deepEqual(differences.slice(0, 20), [], `${differences.length} differences`);
});
