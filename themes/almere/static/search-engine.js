// @ts-check
/*! vindplaats — the search engine (docs/search.md): loads the index, or the shards and
 * document chunks a query needs, grafted into one elasticlunr index that scores as the single
 * one; expands a query; orders the results. It touches no page (search.js does), so tests run
 * it in Node. */
(function (window) {
  'use strict';

  /** The fields of the main index, in the order of src/search/documents.rs's FIELDS. */
  var FIELDS = ['title', 'body', 'org'];

  /** The numbers of a string written by write_number (src/search/postings.rs): each character
   * a digit, its place in '#'…'~' without the backslash; a number's last digit is one of the
   * first 64 (base 64), the digits before it of the other 27 (base 27). @param {string} text */
  function numbers(text) {
    var out = [], rest = 0;
    for (var i = 0; i < text.length; i++) {
      var d = text.charCodeAt(i) - 35;
      if (d > 57) d--;
      if (d < 64) {
        out.push(rest * 64 + d);
        rest = 0;
      } else rest = rest * 27 + d - 64;
    }
    return out;
  }

  /** The elasticlunr index of a file in the compact form of Postings::compact_json
   * (src/search/postings.rs): trie in term order, tf = sqrt(count), as elasticlunr scores.
   * `lengths`: the sharded index's table `lengtes` (a string, or its numbers), which a shard
   * leaves out. */
  function expandIndex(c, lengths) {
    var own = c.lengths, table = own || lengths, n = FIELDS.length;
    if (typeof table === 'string') table = numbers(table);
    var docs = {}, info = {}, index = {};
    FIELDS.forEach(function (field, f) {
      var root = { docs: {}, df: 0 };
      c.terms.forEach(function (term, t) {
        var list = numbers(c[field][t]);
        if (!list.length) return;
        var node = root;
        for (var i = 0; i < term.length; i++) {
          var ch = term.charAt(i);
          node = node[ch] || (node[ch] = { docs: {}, df: 0 });
        }
        // Per document: twice its distance from the one before, plus one when the count follows.
        for (var k = 0, doc = 0, df = 0; k < list.length; k++, df++) {
          doc += Math.floor(list[k] / 2);
          node.docs[doc] = { tf: Math.sqrt(list[k] % 2 ? list[++k] + 2 : 1) };
          docs[doc] = {};
          (info[doc] || (info[doc] = {}))[field] = table[n * doc + f];
        }
        node.df = df;
      });
      index[field] = { root: root };
    });
    for (var d = 0; own && d < c.documents; d++) {
      docs[d] = {};
      info[d] = {};
      for (var f = 0; f < n; f++) info[d][FIELDS[f]] = table[n * d + f];
    }
    return {
      version: c.version, fields: FIELDS, ref: 'id', pipeline: c.pipeline, index: index,
      documentStore: { save: false, docs: docs, docInfo: info, length: c.documents }
    };
  }

  /** @typedef {{ word: number, piece: number, term: string, weight: number }} Reach
   * Reach of src/search/expand.rs. */

  /** Expansions::new of src/search/expand.rs: synonym groups, compound parts by term. */
  function expansions(data, nl) {
    var groups = Object.create(null);
    var byTerm = Object.create(null);
    var parts = Object.create(null);
    var entries = function (text) { return text ? text.split('|').map(function (e) { return e.split(' '); }) : []; };
    entries(data.syn).forEach(function (g) { g.forEach(function (t) { groups[t] = g; }); });
    // One entry per term: "plek,plekken ontmoetingsplek speelplek sportplek".
    entries(data.parts).forEach(function (e) {
      var keys = e[0].split(',');
      keys.forEach(function (k) { parts[k] = true; });
      byTerm[nl.process(keys[0], true)] = e.slice(1);
    });
    return {
      parts: parts,
      /** Expansions::expand. @param {string} query @param {(term: string) => boolean} isTerm
       * @param {(piece: string) => boolean} known @returns {Reach[]} */
      expand: function (query, isTerm, known) {
        var out = [];
        nl.tokenize(query).forEach(function (token, word) {
          var term = nl.process(token, true);
          if (!term) return;
          var reach = function (piece, t, weight) {
            var seen = out.some(function (r) { return r.word === word && r.piece === piece && r.term === t; });
            if (!seen) out.push({ word: word, piece: piece, term: t, weight: weight });
          };
          reach(0, term, 1);
          (groups[term] || []).forEach(function (t) { if (t !== term) reach(0, t, data.rank.synonym); });
          (byTerm[term] || []).forEach(function (t) { reach(0, t, data.rank.part); });
          // A word of the site, or one that reaches a synonym or compound, is not split.
          if (isTerm(term) || out.filter(function (r) { return r.word === word; }).length > 1) return;
          var folded = nl.folded(token) || '';
          (nl.split(folded, known) || nl.ends(folded, known)).forEach(function (piece, k) {
            var part = nl.process(piece, true);
            if (!part) return;
            reach(k + 1, part, data.rank.part);
            (byTerm[part] || []).forEach(function (t) { reach(k + 1, t, data.rank.part); });
          });
        });
        return out;
      }
    };
  }

  /** A heading's id as src/search/documents.rs's ascii_slug makes it from its title.
   * @param {string} title */
  function slug(title) {
    return title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase().replace(/^-|-$/g, '');
  }

  /** A file's documents as results show them, { u, t, b, x, y?, h? } each, from the arrays
   * `written` in src/search/documents.rs makes: `[u, t, x]` has the breadcrumb, year and theme
   * of the one before (`[u, t, x, b, y, h]`); an address `#<id>` is on the one before's page,
   * one that ends in `#` has its title's slug as id; a title that is a number is that much of
   * the start of the text. @param {any[][]} list */
  function shownOf(list) {
    var page = '', tail = [];
    return list.map(function (r) {
      if (r.length > 3) tail = r;
      var u = r[0], x = r[2], t = typeof r[1] === 'number' ? x.slice(0, r[1]) : r[1];
      if (u.charAt(0) === '#') u = page + u;
      if (u.charAt(u.length - 1) === '#') u += slug(t);
      page = u.split('#')[0];
      /** @type {{ u: string, t: string, b: string, x: string, y?: number, h?: number }} */
      var d = { u: u, t: t, b: tail[3], x: x };
      if (tail[4] != null) d.y = tail[4];
      if (tail[5] != null) d.h = tail[5];
      return d;
    });
  }

  /** The engine over window.vindplaatsZoekdata; `loadScript(path)` runs a script of the site
   * (parts call window.vindplaatsZoekdeel). Long, as a closure: the engine's state (the parts
   * loaded, the grafted index, the vocabulary) lives here, each step a function below.
   * @param {(path: string) => Promise<void>} loadScript */
  function makeEngine(data, elasticlunr, nl, loadScript) {
    if (!data || data.pipeline !== nl.VERSION || data.split !== nl.DECOMPOUND) {
      throw new Error('zoekindex ' + (data && data.pipeline) + ' past niet bij zoekscript ' + nl.VERSION);
    }
    nl.register(elasticlunr);
    // RANKING of src/search/expand.rs.
    var rank = data.rank;
    var boost = { title: rank.title, body: rank.body, org: rank.org };
    var reaches = expansions(data, nl);
    var names = elasticlunr.Index.load(data.names);
    var sharded = data.sharded || null;
    var single = sharded ? null : elasticlunr.Index.load(expandIndex(data.index));
    var waiting = {};
    var parts = {};
    window.vindplaatsZoekdeel = function (name, value) {
      if (waiting[name]) waiting[name](value);
      delete waiting[name];
    };

    /** A part of the sharded index, loaded once. Each is named by its own hash: a shard's and
     * the vocabulary's are in the first file, a document chunk's in its table (`t<g>`).
     * @param {string} name */
    function part(name) {
      if (!parts[name]) {
        parts[name] = hashOf(name).then(function (hash) {
          return new Promise(function (resolve, reject) {
            waiting[name] = resolve;
            loadScript(sharded.dir + name + '.' + hash + '.js').then(function () {
              if (waiting[name]) {
                delete waiting[name];
                reject(new Error('deel ' + name + ' van de zoekindex is leeg'));
              }
            }, reject);
          });
        });
        // A failed load may be retried by the next query.
        parts[name].catch(function () { delete parts[name]; });
      }
      return parts[name];
    }

    /** The hash that names part `name`. @param {string} name @returns {Promise<string>} */
    function hashOf(name) {
      var k = Number(name.slice(1));
      if (name === 'woorden') return Promise.resolve(sharded.words);
      if (name === 'lengtes') return Promise.resolve(sharded.lengths);
      if (name[0] === 'i') return Promise.resolve(sharded.shards[k]);
      if (name[0] === 't') return Promise.resolve(sharded.tables[k]);
      return part('t' + Math.floor(k / sharded.table)).then(function (table) { return table[k % sharded.table]; });
    }

    /** The shards that can hold `term`, and with `prefix` every word starting with it: the
     * shard whose range contains `term`, and every later one that starts with `term`.
     * @param {string} term @param {boolean} prefix */
    function shardsFor(term, prefix) {
      var starts = sharded.starts;
      var lo = 0, hi = starts.length - 1, at = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (starts[mid] <= term) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
      }
      var found = at >= 0 ? [at] : [];
      for (var k = at + 1; prefix && k < starts.length && starts[k].indexOf(term) === 0; k++) found.push(k);
      return found;
    }

    /** Two tries as one, children in code point order as in one index (so prefixes expand and
     * scores add up in the same order); a term lives in one shard only. @returns {any} */
    function mergeNodes(a, b) {
      var out = { docs: a.docs, df: a.df };
      if (b.df > 0) {
        out.docs = b.docs;
        out.df = b.df;
      }
      var keys = {};
      Object.keys(a).concat(Object.keys(b)).forEach(function (k) {
        if (k !== 'docs' && k !== 'df') keys[k] = true;
      });
      Object.keys(keys).sort().forEach(function (k) {
        out[k] = a[k] && b[k] ? mergeNodes(a[k], b[k]) : a[k] || b[k];
      });
      return out;
    }

    /** The main index: the single one, or the shards loaded so far put together. */
    var main = single;
    var grafted = {};
    function graft(k, d) {
      if (grafted[k]) return;
      grafted[k] = true;
      if (!main) {
        main = elasticlunr.Index.load(d);
        return;
      }
      Object.keys(d.index).forEach(function (field) {
        var own = main.index[field];
        own.root = mergeNodes(own.root, d.index[field].root);
      });
      var store = main.documentStore;
      Object.keys(d.documentStore.docs).forEach(function (ref) {
        store.docs[ref] = d.documentStore.docs[ref];
        // A shard knows a document's length only in the fields it has postings of.
        var own = store.docInfo[ref] || (store.docInfo[ref] = {});
        Object.keys(d.documentStore.docInfo[ref]).forEach(function (f) { own[f] = d.documentStore.docInfo[ref][f]; });
      });
      main._idfCache = {};
    }

    /** Makes sure the main index holds `exact` terms, and every term that starts with one of
     * `prefixes`. @param {string[]} prefixes @param {string[]} exact */
    function ensure(prefixes, exact) {
      if (!sharded) return Promise.resolve();
      var needed = {};
      prefixes.forEach(function (t) { shardsFor(t, true).forEach(function (k) { needed[k] = true; }); });
      exact.forEach(function (t) { shardsFor(t, false).forEach(function (k) { needed[k] = true; }); });
      return Promise.all(Object.keys(needed).map(function (k) {
        return Promise.all([part('i' + k), lengths()]).then(function (got) { graft(k, expandIndex(got[0], got[1])); });
      }));
    }

    /** The table `lengtes` of every document's field lengths, read once. */
    var table = null;
    function lengths() {
      if (!table) {
        table = part('lengtes').then(numbers);
        table.catch(function () { table = null; });
      }
      return table;
    }

    /** The documents that hold `term` itself in the text (title or body). @param {string} term */
    function frequency(term) {
      var most = 0;
      ['title', 'body'].forEach(function (f) {
        var node = main && main.index[f].getNode(term);
        if (node && node.df > most) most = node.df;
      });
      return most;
    }

    /** Is `term` a term of the (loaded) index? @param {string} term */
    function isTerm(term) {
      return !!main && FIELDS.some(function (f) { return !!main.index[f].getNode(term) && main.index[f].getNode(term).df > 0; });
    }

    /** The site's words for "bedoelde u …?" and for splitting, front-coded by src/search/mod.rs. */
    var vocabulary = null;
    function words() {
      if (!vocabulary) {
        var coded = sharded ? part('woorden') : Promise.resolve(data.words);
        vocabulary = coded.then(function (text) {
          var list = [];
          var seen = {};
          var previous = '';
          (text ? text.split(' ') : []).forEach(function (entry) {
            previous = previous.slice(0, Number(entry.charAt(0))) + entry.slice(1);
            list.push(previous);
          });
          if (!sharded) list = list.concat(termWords()).sort();
          list.forEach(function (w) { seen[w] = true; });
          return { list: list, seen: seen };
        });
        vocabulary.catch(function () { vocabulary = null; });
      }
      return vocabulary;
    }

    /** Terms that are words, left out of data.words: the single index's own term list, in
     * the order src/search/words.rs numbers its bits by. */
    function termWords() {
      return data.index.terms.filter(function (t) { return /^\p{L}{4,}$/u.test(t); })
        .filter(function (t, i) {
          return (data.known.charCodeAt(i / 6 | 0) - 48) >> i % 6 & 1;
        });
    }

    /** What the words of `query` reach (see expansions()): the index and, when a word is no
     * word of the site, the site's words are loaded first. @param {string} query
     * @returns {Promise<Reach[]>} */
    function expand(query) {
      var own = nl.tokenize(query).map(function (t) { return nl.process(t, true); }).filter(Boolean);
      return ensure(own, []).then(function () {
        var missing = own.some(function (t) { return !isTerm(t); });
        return missing ? words() : null;
      }).then(function (v) {
        return reaches.expand(query, isTerm, function (piece) { return !!v && (v.seen[piece] === true || reaches.parts[piece] === true); });
      });
    }

    /** Adds what `reached` finds in `index` to `hits`: `slots` (word and part) found in the
     * text, not only in `org`; `exact` words found themselves; `terms` the others found, for
     * marking. @param {Reach[]} reached @param {Object<string, any>} hits @param {number} weight */
    function score(index, reached, hits, weight) {
      var fields = index === names ? ['name'] : FIELDS;
      reached.forEach(function (r) {
        // A stop word has no term; an empty term would expand to every word of the index.
        if (!r.term || !index) return;
        var own = r.weight === 1 && r.piece === 0;
        fields.forEach(function (field) {
          var config = {};
          config[field] = { boost: 1, bool: 'OR', expand: own };
          var found = index.fieldSearch([r.term], field, config) || {};
          Object.keys(found).forEach(function (ref) {
            var hit = hits[ref] || (hits[ref] = { ref: ref, score: 0, slots: {}, exact: {}, terms: [] });
            hit.score += found[ref] * (index === names ? 1 : boost[field]) * r.weight * weight;
            if (field === 'org') return;
            hit.slots[r.word + '.' + r.piece] = r.word;
            if (own) hit.exact[r.word] = true;
            else if (hit.terms.indexOf(r.term) < 0) hit.terms.push(r.term);
          });
        });
      });
    }

    /** The results of a query, in the order of docs/search.md "How results are ordered":
     * every word found (a common word aside), then words found by themselves, then score.
     * @param {string} query @returns {Promise<{results: any[], terms: string[]}>} */
    function search(query) {
      return expand(query).then(function (reached) {
        var own = reached.filter(function (r) { return r.weight === 1 && r.piece === 0; }).map(function (r) { return r.term; });
        var other = reached.filter(function (r) { return r.weight !== 1 || r.piece !== 0; }).map(function (r) { return r.term; });
        return ensure(own, other).then(function () {
          var hits = {};
          score(main, reached, hits, 1);
          var plain = nl.tokenize(query).map(function (t, k) {
            return { word: k, piece: 0, term: nl.process(t, false) || '', weight: 1 };
          });
          score(names, plain, hits, rank.name);
          // A word in more than rank.common of all documents ("almere" on this site) says
          // little about which: it adds to the score but does not decide the order.
          var all = main ? main.documentStore.length : 0;
          var common = {}, pieces = {};
          reached.forEach(function (r) {
            if (r.weight === 1 && r.piece === 0 && frequency(r.term) > rank.common * all) common[r.word] = true;
            pieces[r.word] = Math.max(pieces[r.word] || 0, r.piece);
          });
          var found = Object.keys(hits).map(function (ref) {
            var h = hits[ref];
            // A word counts 1 when found itself (or a synonym, a compound); a word the site
            // lacks, the share of its parts found.
            h.matched = 0;
            Object.keys(h.slots).forEach(function (s) {
              var word = h.slots[s], whole = s === word + '.0';
              if (common[word] || (!whole && h.slots[word + '.0'] !== undefined)) return;
              h.matched += whole ? 1 : 1 / pieces[word];
            });
            h.matched = Math.round(h.matched * 1000) / 1000;
            h.exactly = Object.keys(h.exact).filter(function (w) { return !common[Number(w)]; }).length;
            return h;
          });
          found.sort(function (a, b) {
            return b.matched - a.matched || b.exactly - a.exactly || b.score - a.score || a.ref - b.ref;
          });
          return { results: found, terms: reached.map(function (r) { return r.term; }), split: reached.some(function (r) { return r.piece > 0; }) };
        });
      });
    }

    /** A file's documents as results show them (shownOf), read once. */
    var shown = {};
    /** @param {string} name @param {any[][]} list */
    function shownIn(name, list) {
      return shown[name] || (shown[name] = shownOf(list));
    }

    /** What the results `refs` show: { u, t, b, x, y?, h? } each. @param {string[]} refs */
    function docs(refs) {
      if (!sharded) return Promise.resolve(refs.map(function (ref) { return shownIn('', data.docs)[Number(ref)]; }));
      var chunk = sharded.chunk;
      return Promise.all(refs.map(function (ref) {
        var n = Number(ref);
        var name = 'd' + Math.floor(n / chunk);
        return part(name).then(function (list) { return shownIn(name, list)[n % chunk]; });
      }));
    }

    /** Up to three corrections of a query, nearest first: the k-th takes each unknown
     * word's k-th nearest word of the site. @param {string} query */
    function suggestions(query) {
      return words().then(function (v) {
        var per = nl.tokenize(query).map(function (t) {
          var p = nl.process(t, false);
          if (!p || v.seen[p]) return [t];
          var limit = 1 + (p.length <= rank.typo[0] ? rank.typo[1] : rank.typo[2]);
          var near = [];
          v.list.forEach(function (w) {
            if (Math.abs(w.length - p.length) >= limit) return;
            var d = distance(p, w, limit);
            if (d < limit) near.push([d, near.length, w]);
          });
          near.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
          return near.length ? near.map(function (n) { return n[2]; }) : [t];
        });
        var out = [];
        for (var k = 0; k < 3; k++) {
          var q = per.map(function (c) { return c[Math.min(k, c.length - 1)]; }).join(' ');
          if (out.indexOf(q) < 0 && q !== nl.tokenize(query).join(' ')) out.push(q);
        }
        return out;
      });
    }

    /** The nearest word of the site for each word of a query that found nothing. @param {string} query */
    function suggest(query) {
      return suggestions(query).then(function (list) { return list[0] || null; });
    }

    return { search: search, docs: docs, suggest: suggest, suggestions: suggestions, nl: nl, expand: expand };
  }

  /** Damerau–Levenshtein (optimal string alignment) distance, giving up above `limit`.
   * @param {string} a @param {string} b @param {number} limit */
  function distance(a, b, limit) {
    var prev2 = null;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin >= limit) return limit;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /** A query's results as a page shows them: the first `limit` with their documents, after a
   * "bedoelde u …?" correction when the query found nothing, or only through the parts of a
   * word the site lacks ("eenzaamhied" is a typo, not a compound of "eenzaam").
   * @param {any} eng @param {string} query @param {number} limit */
  function answer(eng, query, limit) {
    return eng.search(query).then(function (found) {
      var parts = found.split && found.results.every(function (h) { return !Object.keys(h.exact).length; });
      if (found.results.length && !parts) return [found, null];
      return eng.suggest(query).then(function (corrected) {
        if (!corrected) return [found, null];
        return eng.search(corrected).then(function (again) {
          return again.results.length ? [again, corrected] : [found, null];
        });
      });
    }).then(function (pair) {
      var shown = pair[0].results.slice(0, limit);
      return eng.docs(shown.map(function (h) { return h.ref; })).then(function (docs) {
        return { found: pair[0], corrected: pair[1], shown: shown, docs: docs };
      });
    });
  }

  window.vindplaatsZoeken = { makeEngine: makeEngine, answer: answer, expandIndex: expandIndex, numbers: numbers, shownOf: shownOf };
})(window);
