#!/usr/bin/env node
// Bytes a first search downloads on a built site, per query: the search scripts and the
// index's first file, then (for a sharded index) the shards and document chunks the query
// needs for its first ten results. Runs the site's own search.js in Node
// (tests/browser/engine.mjs), each query in a fresh engine, as a first search would.
//
// Usage: node scripts/search-bytes.mjs [--answers] SITE_DIR [QUERY ...]
// Prints one tab-separated line per query: query, files, raw bytes, gzip bytes, results.
// With --answers, one JSON line per query instead: its first 50 results with their scores
// and the documents they show (keys sorted), to compare two builds of a site with `diff`.

import { loadSearch } from '../tests/browser/engine.mjs';

const args = process.argv.slice(2);
const answers = args[0] === '--answers';
const [dir, ...given] = answers ? args.slice(1) : args;
if (!dir) {
  console.error('usage: node scripts/search-bytes.mjs [--answers] SITE_DIR [QUERY ...]');
  process.exit(2);
}
const FIRST = ['eenzaamheid', 'buurthuis', 'naamloze pilot', 'jongeren almere'];
// With --answers: the four above and ten more (inflections, synonyms, compounds, a typo, a
// common word), for results and snippets before and after a change of the index's encoding.
const MORE = ['gezinnen', 'wijkteams', 'huisarts', 'sociaal cafe', 'positieve gezondheid', 'tiny houses', 'huiselijk geweld', 'eenzaamhied', 'vrijwilligers', 'almere'];
const queries = given.length ? given : answers ? [...FIRST, ...MORE] : FIRST;
const sorted = (value) =>
  Array.isArray(value) ? value.map(sorted)
  : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]))
  : value;
for (const q of queries) {
  const search = loadSearch(dir);
  const answer = await search.answer(q, answers ? 50 : 10);
  if (answers) {
    const { found, corrected, docs } = JSON.parse(JSON.stringify(answer));
    console.log(JSON.stringify(sorted({ q, corrected, count: found.results.length, results: found.results.slice(0, 50), terms: found.terms, docs })));
    continue;
  }
  const files = search.fetched;
  const sum = (key) => files.reduce((n, f) => n + f[key], 0);
  console.log([q, files.length, sum('bytes'), sum('gzip'), answer.found.results.length].join('\t'));
}
