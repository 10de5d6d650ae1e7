// The site's search engine (themes/almere/static/search-engine.js) run in Node on a built site, with
// no browser: search.js and the scripts it names are evaluated in a fresh context, and every file
// the engine loads is recorded with its size raw and gzip-compressed. Used by the sharding
// tests (same answers from one index and from shards) and by scripts/search-bytes.

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

import { ROOT } from './helpers.mjs';

/**
 * Loads the search of the site built in `dir`: { answer(query, limit), shown(), fetched, reset() }.
 * `answer` resolves to what a page shows (see answer() in search.js); `fetched` lists the
 * files loaded since the last reset() as { path, bytes, gzip }, the scripts and first index
 * file included.
 */
export function loadSearch(dir) {
  const html = readFileSync(path.join(dir, 'zoeken', 'index.html'), 'utf8');
  // Quoted or bare attribute values (pages were minified once; a theme may still be).
  const attr = (name, before = '') => {
    const m = new RegExp(`${before}\\s${name}=(?:"([^"]*)"|([^\\s>]*))`).exec(html);
    if (!m) throw new Error(`zoeken/index.html has no ${name}`);
    return m[1] ?? m[2];
  };
  // The page is zoeken/: its links start with "../".
  const fromRoot = (href) => href.replace(/^(\.\.\/)+/, '');
  const searchJs = fromRoot(attr('src', '<script[^>]*'));
  const context = vm.createContext({ console });
  context.window = context;
  let fetched = [];
  const run = (rel) => {
    const code = readFileSync(path.join(dir, rel));
    fetched.push({ path: rel, bytes: code.length, gzip: gzipSync(code).length });
    vm.runInContext(code.toString('utf8'), context, { filename: rel });
  };
  run(searchJs);
  // search.js starts with what it loads, from the site's root (theme.rs, `name_search_files`).
  const files = context.vindplaatsBestanden;
  [...files.zoeken, files.index].forEach(run);
  const api = context.vindplaatsZoeken;
  const engine = api.makeEngine(context.vindplaatsZoekdata, context.elasticlunr, context.vindplaatsNl, (rel) => {
    try {
      run(rel);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  });
  return {
    answer: (query, limit = 10) => api.answer(engine, query, limit),
    /** The terms each word of `query` reaches (synonyms, compounds), as plain data. */
    expand: (query) => engine.expand(query).then((list) => JSON.parse(JSON.stringify(list))),
    /** Up to three corrections of `query` ("Bedoelde u …?"), as plain data. */
    suggestions: (query) => engine.suggestions(query).then((list) => JSON.parse(JSON.stringify(list))),
    /** The documents of a single index file as results show them (shownOf), as plain data. */
    shown: () => JSON.parse(JSON.stringify(api.shownOf(context.vindplaatsZoekdata.docs))),
    get fetched() {
      return fetched;
    },
    reset() {
      fetched = [];
    },
  };
}

/**
 * A copy of the repository's site (config, content, themes) whose search index is sharded
 * even though it is small: one-kilobyte budget, shards of `shardKb`. Returns the copy's root.
 */
export function shardedCopy(shardKb = 4) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vindplaats-sharded-'));
  for (const name of ['content', 'themes']) cpSync(path.join(ROOT, name), path.join(root, name), { recursive: true });
  const config = readFileSync(path.join(ROOT, 'vindplaats.toml'), 'utf8')
    .split('\n')
    .filter((line) => !/^search_(budget|shard)_kb\s*=/.test(line))
    .join('\n');
  writeFileSync(path.join(root, 'vindplaats.toml'), `${config.trimEnd()}\nsearch_budget_kb = 1\nsearch_shard_kb = ${shardKb}\n`);
  return root;
}
