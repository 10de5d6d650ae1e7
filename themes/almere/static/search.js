/*! vindplaats — search as you type. Loads the search scripts and index only when a search
 * field is first used (or the search page opens). Results are built with DOM methods and
 * text nodes only: nothing from the index is ever inserted as HTML. */
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-zoek]');
  if (!forms.length || !('Promise' in window)) return;

  var MAX_SHOWN = 10;
  var NAME_BOOST = 10;
  var FIELDS = { title: { boost: 3, bool: 'OR', expand: true }, body: { boost: 1, bool: 'OR', expand: true } };
  var NAME_FIELDS = { name: { boost: 1, bool: 'OR', expand: true } };
  var loading = null;

  /** Loads the scripts in order (downloaded in parallel) and builds the engine once. */
  function load(form) {
    if (loading) return loading;
    var urls = form.getAttribute('data-scripts').split(' ').concat([form.getAttribute('data-index')]);
    loading = new Promise(function (resolve, reject) {
      var remaining = urls.length;
      urls.forEach(function (url) {
        var s = document.createElement('script');
        s.src = url;
        s.async = false;
        s.onload = function () {
          remaining -= 1;
          if (remaining === 0) {
            try { resolve(engine()); } catch (e) { reject(e); }
          }
        };
        s.onerror = function () { reject(new Error('kan ' + url + ' niet laden')); };
        document.head.appendChild(s);
      });
    });
    return loading;
  }

  function engine() {
    var nl = window.vindplaatsNl;
    var data = window.vindplaatsZoekdata;
    if (!data || data.pipeline !== nl.VERSION) {
      throw new Error('zoekindex ' + (data && data.pipeline) + ' past niet bij zoekscript ' + nl.VERSION);
    }
    nl.register(window.elasticlunr);
    var main = window.elasticlunr.Index.load(data.index);
    var names = window.elasticlunr.Index.load(data.names);
    // The site's words (as typed, unstemmed) for "bedoelde je …?".
    var seen = {};
    var vocabulary = [];
    data.docs.forEach(function (doc) {
      nl.terms(doc.t + ' ' + doc.x, false).forEach(function (w) {
        if (!seen[w] && w.length >= 4 && /^\p{L}+$/u.test(w)) {
          seen[w] = true;
          vocabulary.push(w);
        }
      });
    });

    function score(index, fields, terms, boost, hits) {
      terms.forEach(function (term, k) {
        // A stop word has no term; an empty term would expand to every word of the index.
        if (!term) return;
        Object.keys(fields).forEach(function (field) {
          var found = index.fieldSearch([term], field, fields) || {};
          Object.keys(found).forEach(function (ref) {
            var hit = hits[ref] || (hits[ref] = { ref: ref, score: 0, words: {} });
            hit.score += found[ref] * fields[field].boost * boost;
            hit.words[k] = true;
          });
        });
      });
    }

    function search(query) {
      var tokens = nl.tokenize(query);
      var stemmed = [], plain = [];
      tokens.forEach(function (t, k) {
        stemmed[k] = nl.process(t, true);
        plain[k] = nl.process(t, false);
      });
      var hits = {};
      score(main, FIELDS, stemmed.map(function (t) { return t || ''; }), 1, hits);
      score(names, NAME_FIELDS, plain.map(function (t) { return t || ''; }), NAME_BOOST, hits);
      var list = Object.keys(hits).map(function (ref) {
        var h = hits[ref];
        h.matched = Object.keys(h.words).length;
        return h;
      });
      // Documents with every word first, then by score.
      list.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.ref - b.ref; });
      return { results: list, terms: stemmed.filter(Boolean) };
    }

    /** The nearest word of the site for each word of a query that found nothing. */
    function suggest(query) {
      var changed = false;
      var words = nl.tokenize(query).map(function (t) {
        var p = nl.process(t, false);
        if (!p || seen[p]) return t;
        var best = null, bestDistance = p.length <= 4 ? 2 : 3;
        vocabulary.forEach(function (w) {
          if (Math.abs(w.length - p.length) >= bestDistance) return;
          var d = distance(p, w, bestDistance);
          if (d < bestDistance) { best = w; bestDistance = d; }
        });
        if (best) { changed = true; return best; }
        return t;
      });
      return changed ? words.join(' ') : null;
    }

    return { search: search, suggest: suggest, docs: data.docs, nl: nl };
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

  function setup(form) {
    var input = form.querySelector('input[type=search]');
    var results = document.getElementById(form.getAttribute('data-results'));
    var status = document.getElementById(form.getAttribute('data-status'));
    var suggestion = document.getElementById(form.getAttribute('data-suggestion'));
    var root = form.getAttribute('data-root');
    var onPage = form.hasAttribute('data-page');
    var limit = onPage ? 50 : MAX_SHOWN;
    var pending = null;

    function clear() {
      while (results.firstChild) results.removeChild(results.firstChild);
      results.hidden = true;
      suggestion.hidden = true;
      while (suggestion.firstChild) suggestion.removeChild(suggestion.firstChild);
      status.textContent = '';
      results.removeAttribute('data-state');
    }

    function show(query) {
      pending = query;
      if (!query.trim()) { clear(); return; }
      status.textContent = 'Zoeken wordt geladen…';
      load(form).then(function (eng) {
        if (pending !== query) return;
        render(eng, query);
      }, function (error) {
        status.textContent = 'Zoeken werkt nu niet: ' + error.message;
      });
    }

    function render(eng, query) {
      var found = eng.search(query);
      var corrected = null;
      if (!found.results.length) {
        corrected = eng.suggest(query);
        if (corrected) {
          var again = eng.search(corrected);
          if (again.results.length) found = again; else corrected = null;
        }
      }
      clear();
      if (corrected) {
        suggestion.appendChild(document.createTextNode('Bedoelde je: '));
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button';
        button.textContent = corrected;
        button.addEventListener('click', function () {
          input.value = corrected;
          input.focus();
          show(corrected);
        });
        suggestion.appendChild(button);
        suggestion.appendChild(document.createTextNode('?'));
        suggestion.hidden = false;
      }
      var n = found.results.length;
      if (n === 0) {
        status.textContent = 'Geen resultaten voor ‘' + query + '’. Controleer de spelling of probeer een ander woord.';
      } else {
        status.textContent = n + (n === 1 ? ' resultaat' : ' resultaten') + ' voor ‘' + (corrected || query) + '’' +
          (n > limit ? ', de eerste ' + limit + ' staan hieronder.' : '.');
      }
      found.results.slice(0, limit).forEach(function (hit) {
        var doc = eng.docs[Number(hit.ref)];
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = root + doc.u;
        a.textContent = doc.t;
        var crumb = document.createElement('p');
        crumb.className = 'crumb';
        crumb.textContent = doc.b;
        var text = document.createElement('p');
        text.className = 'snippet';
        snippet(doc.x, found.terms, eng.nl, text);
        li.appendChild(a);
        li.appendChild(crumb);
        li.appendChild(text);
        results.appendChild(li);
      });
      results.hidden = n === 0;
      results.setAttribute('data-query', query);
      results.setAttribute('data-state', 'klaar');
    }

    function links() {
      return Array.prototype.slice.call(results.querySelectorAll('a'));
    }

    input.addEventListener('focus', function () { load(form).catch(function () {}); });
    input.addEventListener('input', function () { show(input.value); });
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
      var q = new URLSearchParams(window.location.search).get('q') || '';
      input.value = q;
      if (q.trim()) show(q);
    }
  }

  Array.prototype.forEach.call(forms, setup);
})();
