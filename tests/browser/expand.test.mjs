// The compact index form (Postings::compact_json in src/search/postings.rs) expands, through
// search-engine.js's expandIndex, to exactly the index elasticlunr.js itself builds from the same
// documents with the same Dutch pipeline. The Rust unit tests check the other half: that the
// build writes the compact form of elasticlunr's index. Here the compact form is made from
// elasticlunr.js's own index, as the format describes it, for the real site's texts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';

import { ROOT } from './helpers.mjs';

const STATIC = path.join(ROOT, 'themes/almere/static');

function load() {
  const context = vm.createContext({ console });
  context.window = context;
  for (const file of ['vendor/elasticlunr.min.js', 'vendor/lunr-nl.min.js', 'search-nl.js', 'search-engine.js']) {
    vm.runInContext(readFileSync(path.join(STATIC, file), 'utf8'), context, { filename: file });
  }
  return context;
}

/** The fields of the main index (FIELDS of src/search/documents.rs). */
const FIELDS = ['title', 'body', 'org'];

/** elasticlunr.js's index of `docs` ({title, body, org}), with the pipeline search-nl.js registers. */
function elasticlunrIndex(context, docs) {
  const { elasticlunr, vindplaatsNl: nl } = context;
  nl.register(elasticlunr);
  const index = elasticlunr(function () {
    for (const field of FIELDS) this.addField(field);
    this.setRef('id');
    this.saveDocument(false);
  });
  index.pipeline.reset();
  for (const name of ['fold', 'trimmer', 'stopwords', 'stemmer']) {
    index.pipeline.add(elasticlunr.Pipeline.getRegisteredFunction(`${name}-${nl.VERSION}`));
  }
  docs.forEach((d, id) => index.addDoc({ id, title: d.title, body: d.body, org: d.org }));
  return JSON.parse(JSON.stringify(index));
}

/** The compact form of an elasticlunr index, as compact_json describes it. */
function compact(index, lengthsTable) {
  const postings = { title: {}, body: {}, org: {} };
  const walk = (field, node, term) => {
    if (node.df > 0) postings[field][term] = node.docs;
    for (const key of Object.keys(node)) if (key !== 'docs' && key !== 'df') walk(field, node[key], term + key);
  };
  for (const field of FIELDS) walk(field, index.index[field].root, '');
  const terms = [...new Set(FIELDS.flatMap((f) => Object.keys(postings[f])))].sort();
  const info = index.documentStore.docInfo;
  const out = { version: index.version, pipeline: index.pipeline, documents: index.documentStore.length, terms };
  for (const field of FIELDS) {
    out[field] = terms.map((term) => {
      const docs = postings[field][term] || {};
      let previous = 0;
      return Object.keys(docs).map(Number).sort((a, b) => a - b).flatMap((doc) => {
        const count = Math.round(docs[doc].tf * docs[doc].tf);
        assert.equal(Math.sqrt(count), docs[doc].tf, 'tf is the square root of a count');
        const posting = [doc - previous, count].concat(lengthsTable ? [] : [info[doc][field]]);
        previous = doc;
        return posting;
      });
    });
  }
  if (lengthsTable) out.lengths = Object.keys(info).flatMap((doc) => FIELDS.map((f) => info[doc][f]));
  return out;
}

/** The real site's texts: every paragraph of the reports, its first words as a title; every
 * fifth also with its first sentence as a list of organisations. */
function documents() {
  const dir = path.join(ROOT, 'content/rapporten');
  const files = ['eenzaamheid.md', 'bestaanszekerheid.md', 'sociale-basis.md'];
  return files.flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n\n')
      .filter((p) => p.trim())
      .map((body, i) => ({ title: body.split(/\s+/).slice(0, 4).join(' '), body, org: i % 5 ? '' : body.split('. ')[0] })),
  );
}

/** The children of every node in code point order, as the build writes them — except that
 * JavaScript lists digit keys first, in any object, as it did for the JSON layout. */
function assertSortedChildren(node) {
  const keys = Object.keys(node).filter((k) => k !== 'docs' && k !== 'df');
  const digit = (k) => /^[0-9]$/.test(k);
  assert.deepEqual(keys, [...keys.filter(digit).sort(), ...keys.filter((k) => !digit(k)).sort()]);
  keys.forEach((k) => assertSortedChildren(node[k]));
}

test('expandIndex gives elasticlunr.js\'s own index back, with a lengths table, with lengths per posting and with the table apart', () => {
  const context = load();
  const docs = documents();
  assert.ok(docs.length > 100, `${docs.length} documents`);
  const classic = elasticlunrIndex(context, docs);
  const { expandIndex } = context.vindplaatsZoeken;
  const whole = JSON.parse(JSON.stringify(expandIndex(compact(classic, true))));
  assert.deepEqual(whole.index, classic.index);
  assert.deepEqual(whole.documentStore.docInfo, classic.documentStore.docInfo);
  assert.equal(whole.documentStore.length, docs.length);
  assert.deepEqual(Object.keys(whole.documentStore.docs), Object.keys(classic.documentStore.docs));
  assertSortedChildren(whole.index.body.root);
  // Lengths per posting: each document's length in the fields it has postings of.
  const shard = JSON.parse(JSON.stringify(expandIndex(compact(classic, false))));
  assert.deepEqual(shard.index, classic.index);
  for (const [doc, info] of Object.entries(shard.documentStore.docInfo)) {
    for (const [field, length] of Object.entries(info)) assert.equal(length, classic.documentStore.docInfo[doc][field]);
  }
  // A shard of a sharded index since issue 29: pairs, the lengths in the index's table `lengtes`;
  // the same index, and lengths only of the documents it has postings of.
  const { lengths, ...pairs } = compact(classic, true);
  const apart = JSON.parse(JSON.stringify(expandIndex(pairs, lengths)));
  assert.deepEqual(apart.index, classic.index);
  assert.deepEqual(apart.documentStore, shard.documentStore);
});
