/*! vindplaats — search as you type. Loads the search scripts and index only when a search
 * field is first used (or the search page opens). Results are built with DOM methods and
 * text nodes only: nothing from the index is ever inserted as HTML.
 *
 * The engine (makeEngine) needs no page: tests and the benchmark run it in Node on a built
 * site. A small site's index is one file; a large one is sharded (src/search/mod.rs): the
 * engine then loads only the shards that can hold a word of the query and the document
 * chunks of the results it shows, and grafts the shards into one elasticlunr index, which
 * then scores exactly as the single index would. */
(function (window) {
  'use strict';

  /** The elasticlunr index (for Index.load) of an index file in the compact form of
   * Postings::compact_json (src/search/postings.rs, which explains it): the trie is built in
   * term order and tf = sqrt(count), so scores are exactly elasticlunr's. */
  function expandIndex(c) {
    var table = c.lengths, step = table ? 2 : 3;
    var docs = {}, info = {}, index = {};
    ['title', 'body'].forEach(function (field, f) {
      var root = { docs: {}, df: 0 };
      c.terms.forEach(function (term, t) {
        var list = c[field][t];
        if (!list.length) return;
        var node = root;
        for (var i = 0; i < term.length; i++) {
          var ch = term.charAt(i);
          node = node[ch] || (node[ch] = { docs: {}, df: 0 });
        }
        for (var k = 0, doc = 0; k < list.length; k += step) {
          doc += list[k];
          node.docs[doc] = { tf: Math.sqrt(list[k + 1]) };
          docs[doc] = {};
          (info[doc] || (info[doc] = {}))[field] = table ? table[2 * doc + f] : list[k + 2];
        }
        node.df = list.length / step;
      });
      index[field] = { root: root };
    });
    for (var d = 0; table && d < c.documents; d++) {
      docs[d] = {};
      info[d] = { title: table[2 * d], body: table[2 * d + 1] };
    }
    return {
      version: c.version, fields: ['title', 'body'], ref: 'id', pipeline: c.pipeline, index: index,
      documentStore: { save: false, docs: docs, docInfo: info, length: c.documents }
    };
  }

  /**
   * The search engine over `data` (window.vindplaatsZoekdata). `loadScript(path)` runs the
   * script at `path` (relative to the site root) and resolves when it has run; the parts of a
   * sharded index hand their data to window.vindplaatsZoekdeel(name, data).
   * Returns { search(query) → Promise<{results, terms}>, docs(refs) → Promise<docs>,
   * suggest(query) → Promise<string|null> }.
   */
  function makeEngine(data, elasticlunr, nl, loadScript) {
    if (!data || data.pipeline !== nl.VERSION || data.split !== nl.DECOMPOUND) {
      throw new Error('zoekindex ' + (data && data.pipeline) + ' past niet bij zoekscript ' + nl.VERSION);
    }
    nl.register(elasticlunr);
    // RANKING of src/search/expand.rs.
    var rank = data.rank;
    var fields = function (x) {
      return { title: { boost: rank.title, bool: 'OR', expand: x }, body: { boost: rank.body, bool: 'OR', expand: x } };
    };
    var FIELDS = fields(true), EXACT = fields(false), NAME_FIELDS = { name: { boost: 1, bool: 'OR', expand: true } };
    var reaches = expansions(data);
    var names = elasticlunr.Index.load(data.names);
    var sharded = data.sharded || null;
    var single = sharded ? null : elasticlunr.Index.load(expandIndex(data.index));
    var waiting = {};
    var parts = {};
    window.vindplaatsZoekdeel = function (name, value) {
      if (waiting[name]) waiting[name](value);
      delete waiting[name];
    };

    /** A part of the sharded index, loaded once. */
    function part(name) {
      if (!parts[name]) {
        parts[name] = new Promise(function (resolve, reject) {
          waiting[name] = resolve;
          loadScript(sharded.dir + name + '.js').then(function () {
            if (waiting[name]) {
              delete waiting[name];
              reject(new Error('deel ' + name + ' van de zoekindex is leeg'));
            }
          }, reject);
        });
        // A failed load may be retried by the next query.
        parts[name].catch(function () { delete parts[name]; });
      }
      return parts[name];
    }

    /** The shards that can hold `term` or a word starting with it: the shard whose range
     * contains `term`, and every later one that starts with `term`. */
    function shardsFor(term) {
      var starts = sharded.starts;
      var lo = 0, hi = starts.length - 1, at = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (starts[mid] <= term) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
      }
      var found = at >= 0 ? [at] : [];
      for (var k = at + 1; k < starts.length && starts[k].indexOf(term) === 0; k++) found.push(k);
      return found;
    }

    /** Two tries as one, children in code point order as the Rust side writes them (so
     * elasticlunr expands prefixes, and adds scores up, in the same order as on one index).
     * A term lives in one shard only; the other has at most an empty node on its path. */
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

    /** Makes sure the main index holds every term that starts with one of `terms`. */
    function ensure(terms) {
      if (!sharded) return Promise.resolve();
      var needed = {};
      terms.forEach(function (term) {
        if (term) shardsFor(term).forEach(function (k) { needed[k] = true; });
      });
      return Promise.all(Object.keys(needed).map(function (k) {
        return part('i' + k).then(function (d) { graft(k, expandIndex(d)); });
      }));
    }

    /** Adds what `reached` finds in `index` to `hits`; only a word itself (weight 1) is
     * expanded and `exact`. */
    function score(index, reached, hits, weight) {
      reached.forEach(function (r) {
        // A stop word has no term; an empty term would expand to every word of the index.
        if (!r.term || !index) return;
        var own = r.weight === 1, config = index === names ? NAME_FIELDS : own ? FIELDS : EXACT;
        Object.keys(config).forEach(function (field) {
          var found = index.fieldSearch([r.term], field, config) || {};
          Object.keys(found).forEach(function (ref) {
            var hit = hits[ref] || (hits[ref] = { ref: ref, score: 0, words: {}, exact: {} });
            hit.score += found[ref] * config[field].boost * r.weight * weight;
            hit.words[r.word] = true;
            if (own) hit.exact[r.word] = true;
          });
        });
      });
    }

    /** The words; with synonyms and compounds when they find under rank.expand results. */
    function search(query) {
      var reached = reaches(query, nl);
      var own = reached.filter(function (r) { return r.weight === 1; });
      var plain = nl.tokenize(query).map(function (t, k) {
        return { word: k, term: nl.process(t, false) || '', weight: 1 };
      });
      var term = function (r) { return r.term; };
      function find(list) {
        return ensure(list.map(term)).then(function () {
          var hits = {};
          score(main, list, hits, 1);
          score(names, plain, hits, rank.name);
          var found = Object.keys(hits).map(function (ref) {
            var h = hits[ref];
            h.matched = Object.keys(h.words).length;
            h.exactly = Object.keys(h.exact).length;
            return h;
          });
          // Every word, then words themselves, then score.
          found.sort(function (a, b) {
            return b.matched - a.matched || b.exactly - a.exactly || b.score - a.score || a.ref - b.ref;
          });
          return { results: found, terms: list.map(term) };
        });
      }
      return find(own).then(function (found) {
        return found.results.length >= rank.expand || own.length === reached.length ? found : find(reached);
      });
    }

    /** What the results `refs` show: { u, t, b, x } each. */
    function docs(refs) {
      if (!sharded) return Promise.resolve(refs.map(function (ref) { return data.docs[Number(ref)]; }));
      var chunk = sharded.chunk;
      return Promise.all(refs.map(function (ref) {
        var n = Number(ref);
        return part('d' + Math.floor(n / chunk)).then(function (list) { return list[n % chunk]; });
      }));
    }

    /** The site's words for "bedoelde u …?", front-coded by src/search/mod.rs. */
    var vocabulary = null;
    function words() {
      if (!vocabulary) {
        var coded = sharded ? part('woorden') : Promise.resolve(data.words);
        vocabulary = coded.then(function (text) {
          var list = [], seen = {}, previous = '';
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
      return data.index.terms.filter(function (t) { return /^\p{L}{4,}$/u.test(t); }).filter(function (t, i) {
        return (data.known.charCodeAt(i / 6 | 0) - 48) >> i % 6 & 1;
      });
    }

    /** Up to three corrections of a query, nearest first: the k-th takes each unknown
     * word's k-th nearest word of the site. */
    function suggestions(query) {
      return words().then(function (v) {
        var per = nl.tokenize(query).map(function (t) {
          var p = nl.process(t, false);
          if (!p || v.seen[p]) return [t];
          var limit = 1 + (p.length <= rank.typo[0] ? rank.typo[1] : rank.typo[2]), near = [];
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

    /** The nearest word of the site for each word of a query that found nothing. */
    function suggest(query) {
      return suggestions(query).then(function (list) { return list[0] || null; });
    }

    return { search: search, docs: docs, suggest: suggest, suggestions: suggestions, nl: nl, expand: function (q) { return reaches(q, nl); } };
  }

  /** query → [{ word, term, weight }]: as Expansions::expand (src/search/expand.rs). */
  function expansions(data) {
    var groups = Object.create(null), compounds = Object.create(null);
    var split = function (text) { return text ? text.split('|').map(function (e) { return e.split(' '); }) : []; };
    split(data.syn).forEach(function (g) { g.forEach(function (t) { groups[t] = g; }); });
    split(data.parts).forEach(function (c) { compounds[c[0]] = c.slice(1); });
    return function (query, nl) {
      var out = [];
      nl.tokenize(query).forEach(function (t, k) {
        var term = nl.process(t, true);
        if (!term) return;
        var add = function (weight) { return function (other) { if (other !== term) out.push({ word: k, term: other, weight: weight }); }; };
        out.push({ word: k, term: term, weight: 1 });
        (groups[term] || []).forEach(add(data.rank.synonym));
        (compounds[term] || []).forEach(add(data.rank.part));
      });
      return out;
    };
  }

  /** Damerau–Levenshtein (optimal string alignment) distance, giving up above `limit`. */
  function distance(a, b, limit) {
    var prev2 = null, prev = [], cur, i, j;
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

  /** A query's results as a page shows them: the first `limit` with their documents, after
   * a "bedoelde u …?" correction when the query itself found nothing. */
  function answer(eng, query, limit) {
    return eng.search(query).then(function (found) {
      if (found.results.length) return [found, null];
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

  window.vindplaatsZoeken = { makeEngine: makeEngine, answer: answer, expandIndex: expandIndex };

  if (typeof document === 'undefined') return;
  var forms = document.querySelectorAll('form[data-zoek]');
  if (!forms.length || !('Promise' in window)) return;

  var MAX_SHOWN = 10;
  var loading = null;

  /** Loads one script; resolves when it has run. */
  function loadScript(url, inOrder) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = url;
      // Downloaded in parallel, run in the order added.
      if (inOrder) s.async = false;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('kan ' + url + ' niet laden')); };
      document.head.appendChild(s);
    });
  }

  /** Loads the scripts in order (downloaded in parallel) and builds the engine once. */
  function load(form) {
    if (loading) return loading;
    var root = form.getAttribute('data-root');
    var urls = form.getAttribute('data-scripts').split(' ').concat([form.getAttribute('data-index')]);
    loading = Promise.all(urls.map(function (url) { return loadScript(url, true); })).then(function () {
      return makeEngine(window.vindplaatsZoekdata, window.elasticlunr, window.vindplaatsNl, function (path) {
        return loadScript(root + path, false);
      });
    });
    // A failed load (a dropped connection) may be retried by the next query.
    loading.catch(function () { loading = null; });
    return loading;
  }

  /** About 40 words of `text` around the first matched word, with matched words marked
   * (the word itself, not the punctuation around it). */
  function snippet(text, terms, nl, parent) {
    var words = text.split(/\s+/).filter(Boolean);
    var CORE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u;
    var marks = words.map(function (w) {
      return nl.terms(w, true).some(function (t) {
        return terms.some(function (q) { return t === q || t.indexOf(q) === 0; });
      });
    });
    var first = marks.indexOf(true);
    var start = Math.max(0, first - 12);
    var end = Math.min(words.length, start + 40);
    var buffer = start > 0 ? '… ' : '';
    for (var i = start; i < end; i++) {
      var sep = i > start ? ' ' : '';
      if (marks[i]) {
        var parts = CORE.exec(words[i]);
        parent.appendChild(document.createTextNode(buffer + sep + parts[1]));
        var mark = document.createElement('mark');
        mark.textContent = parts[2];
        parent.appendChild(mark);
        buffer = parts[3];
      } else {
        buffer += sep + words[i];
      }
    }
    if (end < words.length) buffer += ' …';
    if (buffer) parent.appendChild(document.createTextNode(buffer));
  }

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    return e;
  }

  function setup(form) {
    var input = form.querySelector('input[type=search]');
    var results = document.getElementById(form.getAttribute('data-results'));
    var status = document.getElementById(form.getAttribute('data-status'));
    var suggestion = document.getElementById(form.getAttribute('data-suggestion'));
    var root = form.getAttribute('data-root');
    var onPage = form.hasAttribute('data-page');
    var limit = onPage ? 50 : MAX_SHOWN;
    var pending = null;
    // Filters (search page): themes and years from #zoekhulp; a document's h is its theme's
    // place, y its year; initiatives have no h, themes no y.
    var box = onPage && document.getElementById('zoekfilters');
    var help = box && document.getElementById('zoekhulp');
    var options = {}, state = {}, unknown = [], current;
    if (box) {
      results.parentNode.insertBefore(box, results);
      options = {
        soort: [['verslag', 'Verslagen'], ['initiatief', 'Initiatieven'], ['thema', 'Thema’s']],
        thema: Array.prototype.map.call(help.querySelectorAll('[data-thema]'), function (a) {
          return [a.getAttribute('data-thema'), a.textContent];
        }),
        jaar: help.getAttribute('data-jaren').split(' ').filter(Boolean).map(function (y) { return [y, y]; })
      };
    }
    var groups = Object.keys(options);
    function valueOf(g, d) {
      return g === 'soort' ? (d.h == null ? 'initiatief' : d.y == null ? 'thema' : 'verslag') :
        g === 'thema' ? (options.thema[d.h] || [])[0] : String(d.y);
    }
    function keeps(d, except) {
      return groups.every(function (g) { return g === except || !state[g] || valueOf(g, d) === state[g]; });
    }
    function address(q) {
      var params = new URLSearchParams({ q: q });
      groups.forEach(function (g) { if (state[g]) params.set(g, state[g]); });
      return '?' + params;
    }

    function clear() {
      [results, suggestion, box || results].forEach(function (e) {
        while (e.firstChild) e.removeChild(e.firstChild);
        e.hidden = true;
      });
      if (help) help.hidden = true;
      status.textContent = '';
      results.removeAttribute('data-state');
      current = null;
    }

    function show(query) {
      pending = query;
      results.removeAttribute('data-state');
      if (!query.trim()) { clear(); return; }
      status.textContent = 'Zoeken wordt geladen…';
      load(form).then(function (eng) {
        return answer(eng, query, limit).then(function (a) {
          // Counts need every result's document.
          return box ? eng.docs(a.found.results.map(function (h) { return h.ref; })).then(function (all) {
            a.docs = all;
            return a;
          }) : a;
        }).then(function (a) {
          if (pending === query) render(eng, query, a);
        });
      }).catch(function (error) {
        if (pending === query) status.textContent = 'Zoeken werkt nu niet: ' + error.message;
      });
    }

    /** The search page's address for `q`. */
    function to(q) {
      return form.action + '?' + new URLSearchParams({ q: q });
    }

    /** "Bedoelde u: a of b?", links to those searches. */
    function offer(words) {
      suggestion.appendChild(document.createTextNode('Bedoelde u: '));
      words.forEach(function (w, k) {
        if (k) suggestion.appendChild(document.createTextNode(' of '));
        suggestion.appendChild(el('a', w)).href = to(w);
      });
      suggestion.appendChild(document.createTextNode('?'));
      suggestion.hidden = false;
    }

    function render(eng, query, a) {
      clear();
      current = { eng: eng, query: query, a: a, counts: [] };
      if (a.corrected) offer([a.corrected]);
      if (box) {
        if (unknown.length) box.appendChild(el('p', 'Niet gebruikt, want dit filter bestaat niet: ' + unknown.join(', ') + '.'));
        // A group that cannot narrow the list is left out.
        groups.forEach(function (g) {
          var values = options[g].filter(function (o) {
            return a.docs.some(function (d) { return valueOf(g, d) === o[0]; });
          });
          if (values.length < 2 && !state[g]) return;
          var set = el('fieldset');
          set.appendChild(el('legend', g.charAt(0).toUpperCase() + g.slice(1)));
          [['', 'Alle']].concat(values).forEach(function (o) {
            var label = el('label', ' ' + o[1] + ' ');
            var radio = el('input');
            var count = el('span');
            radio.type = 'radio';
            radio.name = g;
            radio.value = o[0];
            radio.checked = (state[g] || '') === o[0];
            radio.addEventListener('change', function () {
              state[g] = o[0];
              history.pushState(null, '', address(query));
              list();
            });
            label.insertBefore(radio, label.firstChild);
            label.appendChild(count);
            set.appendChild(label);
            current.counts.push([g, o[0], count]);
          });
          box.appendChild(set);
        });
        box.hidden = !box.firstChild;
        // Only corrections that find something: a word spelled right is not blamed.
        if (!a.found.results.length) {
          eng.suggestions(query).then(function (words) {
            return Promise.all(words.map(eng.search)).then(function (found) {
              words = words.filter(function (w, k) { return found[k].results.length; });
              if (words.length && current && current.a === a) offer(words);
            });
          }).catch(function () {});
        }
      }
      list();
    }

    /** The results the filters keep, the counts, the status (live region). */
    function list() {
      var a = current.a, query = a.corrected || current.query, all = a.found.results.length;
      var kept = a.docs.filter(function (d) { return keeps(d); });
      var n = box ? kept.length : all;
      current.counts.forEach(function (c) {
        c[2].textContent = '(' + a.docs.filter(function (d) { return keeps(d, c[0]) && (!c[1] || valueOf(c[0], d) === c[1]); }).length + ')';
      });
      status.textContent = (n ? n + (n === 1 ? ' resultaat' : ' resultaten') : 'Geen resultaten') + ' voor ‘' + query + '’' +
        (n < all ? ' met deze filters' : '') + (n > limit ? ', de eerste ' + limit + ' staan hieronder.' : '.');
      if (help) {
        var p = help.querySelector('.search-unfiltered');
        if (p) help.removeChild(p);
        if (all && !n) {
          p = el('p');
          p.className = 'search-unfiltered';
          p.appendChild(el('a', 'Zoek zonder filters')).href = to(current.query);
          help.insertBefore(p, help.firstChild);
        }
        help.hidden = n > 0;
      }
      while (results.firstChild) results.removeChild(results.firstChild);
      kept.slice(0, limit).forEach(function (doc) {
        var li = el('li');
        li.appendChild(el('a', doc.t)).href = root + doc.u.replace(/#|$/, '?' + new URLSearchParams({ markeer: query }) + '$&');
        li.appendChild(el('p', doc.b)).className = 'crumb';
        var text = li.appendChild(el('p'));
        text.className = 'snippet';
        snippet(doc.x, a.found.terms, current.eng.nl, text);
        results.appendChild(li);
      });
      results.hidden = n === 0;
      results.setAttribute('data-query', current.query);
      results.setAttribute('data-state', 'klaar');
    }

    function links() {
      return Array.prototype.slice.call(results.querySelectorAll('a'));
    }

    input.addEventListener('focus', function () { load(form).catch(function () {}); });
    input.addEventListener('input', function () {
      // The address keeps the query for a reload or a shared link.
      if (box) history.replaceState(null, '', address(input.value));
      show(input.value);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && links().length) {
        e.preventDefault();
        links()[0].focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        input.value = '';
        clear();
      }
    });
    results.addEventListener('keydown', function (e) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (at + 1 < all.length) all[at + 1].focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (at > 0) all[at - 1].focus(); else input.focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        input.value = '';
        clear();
        input.focus();
      }
    });

    if (onPage) {
      var fromAddress = function () {
        var params = new URLSearchParams(location.search);
        state = {};
        unknown = [];
        groups.forEach(function (g) {
          var v = params.get(g);
          if (options[g].some(function (o) { return o[0] === v; })) state[g] = v;
          else if (v) unknown.push(g + '=' + v);
        });
        input.value = params.get('q') || '';
        show(input.value);
      };
      window.addEventListener('popstate', fromAddress);
      fromAddress();
    }
  }

  Array.prototype.forEach.call(forms, setup);
  // Only a page opened from a result loads mark.js.
  if (/[?&]markeer=/.test(location.search)) {
    forms[0].getAttribute('data-mark').split(' ').forEach(function (url) { loadScript(url, true).catch(function () {}); });
  }
})(window);
