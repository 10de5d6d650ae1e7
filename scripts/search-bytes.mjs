#!/usr/bin/env node
// Bytes a first search downloads on a built site, per query: the search scripts and the
// index's first file, then (for a sharded index) the shards and document chunks the query
// needs for its first ten results. Runs the site's own search.js in Node
// (tests/browser/engine.mjs), each query in a fresh engine, as a first search would.
//
// Usage: node scripts/search-bytes.mjs SITE_DIR [QUERY ...]
// Prints one tab-separated line per query: query, files, raw bytes, gzip bytes, results.

import { loadSearch } from '../tests/browser/engine.mjs';

const [dir, ...given] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/search-bytes.mjs SITE_DIR [QUERY ...]');
  process.exit(2);
}
const queries = given.length ? given : ['eenzaamheid', 'buurthuis', 'naamloze pilot', 'jongeren almere'];
for (const q of queries) {
  const search = loadSearch(dir);
  const answer = await search.answer(q, 10);
  const files = search.fetched;
  const sum = (key) => files.reduce((n, f) => n + f[key], 0);
  console.log([q, files.length, sum('bytes'), sum('gzip'), answer.found.results.length].join('\t'));
}
