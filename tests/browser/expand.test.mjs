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

/** The digits of the compact form: '#'…'~' without the backslash (write_number in
 * src/search/postings.rs). */
const DIGITS = [...Array(92).keys()].map((i) => String.fromCharCode(35 + i)).filter((c) => c !== '\\').join('');

/** `n` as write_number writes it: the last digit base 64 (the first 64 digits), the ones before
 * it base 27 (the other 27), most significant first. */
function number(n) {
  let out = DIGITS[n % 64];
  for (let rest = Math.floor(n / 64); rest > 0; rest = Math.floor(rest / 27)) out = DIGITS[64 + (rest % 27)] + out;
  return out;
}

/** The compact form of an elasticlunr index, as compact_json describes it: per term and field a
 * string of numbers, per posting twice the distance from the document before plus one when the
 * count (less two) follows; the field lengths in the same digits, in the file or apart. */
function compact(index) {
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
      return Object.keys(docs).map(Number).sort((a, b) => a - b).map((doc) => {
        const count = Math.round(docs[doc].tf * docs[doc].tf);
        assert.equal(Math.sqrt(count), docs[doc].tf, 'tf is the square root of a count');
        const posting = number(2 * (doc - previous) + (count > 1 ? 1 : 0)) + (count > 1 ? number(count - 2) : '');
        previous = doc;
        return posting;
      }).join('');
    });
  }
  out.lengths = Object.keys(info).map((doc) => FIELDS.map((f) => number(info[doc][f])).join('')).join('');
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

test('expandIndex gives elasticlunr.js\'s own index back, with a lengths table and with the table apart', () => {
  const context = load();
  const docs = documents();
  assert.ok(docs.length > 100, `${docs.length} documents`);
  const classic = elasticlunrIndex(context, docs);
  const { expandIndex } = context.vindplaatsZoeken;
  const file = compact(classic);
  // A posting is a character or two: one for one occurrence less than 32 documents after the
  // one before, one more for a larger distance (up to 863) and one for the count.
  const postings = { near: 0, far: 0, counts: 0 };
  const count = (node) => {
    let previous = 0;
    for (const doc of Object.keys(node.docs).map(Number).sort((a, b) => a - b)) {
      postings[doc - previous < 32 ? 'near' : 'far'] += 1;
      if (node.docs[doc].tf !== 1) postings.counts += 1;
      previous = doc;
    }
    for (const key of Object.keys(node)) if (key !== 'docs' && key !== 'df') count(node[key]);
  };
  count(classic.index.body.root);
  assert.ok(docs.length < 864 && postings.near > 1000, JSON.stringify(postings));
  assert.equal(file.body.join('').length, postings.near + 2 * postings.far + postings.counts);
  const whole = JSON.parse(JSON.stringify(expandIndex(file)));
  assert.deepEqual(whole.index, classic.index);
  assert.deepEqual(whole.documentStore.docInfo, classic.documentStore.docInfo);
  assert.equal(whole.documentStore.length, docs.length);
  assert.deepEqual(Object.keys(whole.documentStore.docs), Object.keys(classic.documentStore.docs));
  assertSortedChildren(whole.index.body.root);
  // A shard of a sharded index: the lengths in the index's table `lengtes`; the same index, and
  // lengths only of the documents it has postings of.
  const { lengths, ...shard } = file;
  const apart = JSON.parse(JSON.stringify(expandIndex(shard, lengths)));
  assert.deepEqual(apart.index, classic.index);
  for (const [doc, info] of Object.entries(apart.documentStore.docInfo)) {
    for (const [field, length] of Object.entries(info)) assert.equal(length, classic.documentStore.docInfo[doc][field]);
  }
  assert.deepEqual(Object.keys(apart.documentStore.docs).sort(), Object.keys(apart.documentStore.docInfo).sort());
});

test('numbers read back every number as the build writes it, from one digit to many', () => {
  const context = load();
  const { numbers } = context.vindplaatsZoeken;
  const list = [0, 1, 63, 64, 65, 1727, 1728, 48383, 48384, 123456789, 2 ** 40];
  assert.deepEqual(Array.from(numbers(list.map(number).join(''))), list);
  // The string of the Rust test numbers_are_written_in_digits_the_browser_reads.
  assert.deepEqual(Array.from(numbers('#$ce#~ced#fg{C')), [0, 1, 63, 64, 1727, 1728, 100000]);
  assert.equal(number(63).length, 1);
  assert.equal(number(64).length, 2);
  assert.equal(number(1727).length, 2);
  assert.equal(number(1728).length, 3);
  assert.ok(!DIGITS.includes('"') && !DIGITS.includes('\\') && DIGITS.length === 91);
});
