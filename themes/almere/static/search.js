// @ts-check
/*! vindplaats — search as you type: the page's side (the engine is search-engine.js). Loads
 * the scripts and the index when a search field is first used or the search page opens;
 * builds results with DOM methods and text nodes only, never HTML from the index. */
(function (window) {
  'use strict';
  var document = window.document;
  if (!document) return;
  var forms = document.querySelectorAll('form[data-zoek]');
  if (!forms.length || !('Promise' in window)) return;

  var MAX_SHOWN = 10;
  var loading = null;
  // What search loads, from the site's root: the build puts it before this script (theme.rs,
  // `name_search_files`), so that the pages need not list it.
  var files = window.vindplaatsBestanden || { zoeken: [], index: '', markeren: [] };

  /** Loads one script; resolves when it has run. @param {string} url @param {boolean} inOrder */
  function loadScript(url, inOrder) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = url;
      // Downloaded in parallel, run in the order added.
      if (inOrder) s.async = false;
      s.onload = function () { resolve(undefined); };
      s.onerror = function () { reject(new Error('kan ' + url + ' niet laden')); };
      document.head.appendChild(s);
    });
  }

  /** Loads the scripts in order (downloaded in parallel) and builds the engine once.
   * @param {Element} form */
  function load(form) {
    if (loading) return loading;
    var root = form.getAttribute('data-root') || '';
    var urls = files.zoeken.concat([files.index]).map(function (path) { return root + path; });
    loading = Promise.all(urls.map(function (url) { return loadScript(url, true); })).then(function () {
      return window.vindplaatsZoeken.makeEngine(window.vindplaatsZoekdata, window.elasticlunr, window.vindplaatsNl, function (path) {
        return loadScript(root + path, false);
      });
    });
    // A failed load (a dropped connection) may be retried by the next query.
    loading.catch(function () { loading = null; });
    return loading;
  }

  /** About 40 words of `text` around the first matched word, with matched words marked
   * (the word itself, not the punctuation around it): a word whose term starts with a
   * term the query reached. @param {string} text @param {string[]} terms
   * @param {Element} parent */
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
      var parts = marks[i] && CORE.exec(words[i]);
      if (parts) {
        parent.appendChild(document.createTextNode(buffer + sep + parts[1]));
        parent.appendChild(el('mark', parts[2]));
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

  /** The link of a result: its page with the query, and the other terms it was found by
   * (synonyms, compounds, parts), for mark.js to mark. @param {string} root
   * @param {string} query @param {string[]} terms */
  function resultLink(root, doc, query, terms) {
    var params = new URLSearchParams({ markeer: query });
    if (terms.length) params.set('ook', terms.slice(0, 10).join(' '));
    return root + doc.u.replace(/#|$/, '?' + params + '$&');
  }

  /**
   * (A closure over the filters' state, its methods each short.)
   * The search page's filters (kind, theme, year) with counts; the themes and years come
   * from #zoekhulp. A document's h is its theme's place, y its year; initiatives have no h,
   * themes no y. State lives in the address.
   * @param {HTMLElement} box @param {HTMLElement} help
   */
  function makeFilters(box, help) {
    var options = {
      soort: [['verslag', 'Verslagen'], ['initiatief', 'Initiatieven'], ['thema', 'Thema’s']],
      thema: Array.prototype.map.call(help.querySelectorAll('[data-thema]'), function (a) {
        return [a.getAttribute('data-thema'), a.textContent];
      }),
      jaar: (help.getAttribute('data-jaren') || '').split(' ').filter(Boolean).map(function (y) { return [y, y]; })
    };
    var groups = Object.keys(options);
    var state = {};
    var unknown = [];
    var counts = [];
    function valueOf(g, d) {
      return g === 'soort' ? (d.h == null ? 'initiatief' : d.y == null ? 'thema' : 'verslag') :
        g === 'thema' ? (options.thema[d.h] || [])[0] : String(d.y);
    }
    /** Does document `d` pass every filter but `except`? @param {string} [except] */
    function keeps(d, except) {
      return groups.every(function (g) { return g === except || !state[g] || valueOf(g, d) === state[g]; });
    }
    return {
      keeps: keeps,
      address: function (q) {
        var params = new URLSearchParams({ q: q });
        groups.forEach(function (g) { if (state[g]) params.set(g, state[g]); });
        return '?' + params;
      },
      /** Reads the filters from the address; unknown values are kept to be named. */
      read: function () {
        var params = new URLSearchParams(location.search);
        state = {};
        unknown = [];
        groups.forEach(function (g) {
          var v = params.get(g);
          if (options[g].some(function (o) { return o[0] === v; })) state[g] = (v);
          else if (v) unknown.push(g + '=' + v);
        });
      },
      /** One fieldset of radio buttons per group that can narrow `docs`.
       * @param {any[]} docs @param {() => void} changed */
      render: function (docs, changed) {
        counts = [];
        if (unknown.length) box.appendChild(el('p', 'Niet gebruikt, want dit filter bestaat niet: ' + unknown.join(', ') + '.'));
        groups.forEach(function (g) {
          var values = options[g].filter(function (o) {
            return docs.some(function (d) { return valueOf(g, d) === o[0]; });
          });
          // A group that cannot narrow the list is left out.
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
              changed();
            });
            label.insertBefore(radio, label.firstChild);
            label.appendChild(count);
            set.appendChild(label);
            counts.push([g, o[0], count, label]);
          });
          box.appendChild(set);
        });
        box.hidden = !box.firstChild;
      },
      /** Sets every option's count; an option that would keep nothing is not offered
       * (unless chosen). @param {any[]} docs */
      count: function (docs) {
        counts.forEach(function (c) {
          var n = docs.filter(function (d) { return keeps(d, c[0]) && (!c[1] || valueOf(c[0], d) === c[1]); }).length;
          c[2].textContent = '(' + n + ')';
          c[3].hidden = n === 0 && (state[c[0]] || '') !== c[1];
        });
      }
    };
  }

  /** Search as you type in `form`: the header's form, or the search page's (with filters,
   * help and the address). Long, as a closure over one form's elements and state; each step
   * is a function of its own. @param {HTMLFormElement} form */
  function setup(form) {
    var input = /** @type {HTMLInputElement} */ (form.querySelector('input[type=search]'));
    var results = /** @type {HTMLElement} */ (document.getElementById(form.getAttribute('data-results') || ''));
    var status = /** @type {HTMLElement} */ (document.getElementById(form.getAttribute('data-status') || ''));
    var suggestion = /** @type {HTMLElement} */ (document.getElementById(form.getAttribute('data-suggestion') || ''));
    var root = form.getAttribute('data-root') || '';
    var onPage = form.hasAttribute('data-page');
    var limit = onPage ? 50 : MAX_SHOWN;
    var pending = null;
    var box = onPage ? document.getElementById('zoekfilters') : null;
    var help = box ? document.getElementById('zoekhulp') : null;
    // The filters come after the results, so that on a phone and with a screen reader the
    // first result comes first; a wide screen shows them beside the list (style.css).
    if (box && help) results.parentNode.insertBefore(box, results.nextSibling);
    var filters = box && help ? makeFilters(box, help) : null;
    var current = null;

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
        return window.vindplaatsZoeken.answer(eng, query, limit).then(function (a) {
          // Counts need every result's document.
          return box ? eng.docs(a.found.results.map(function (h) { return h.ref; })).then(function (all) {
            a.docs = all;
            a.hits = a.found.results;
            return a;
          }) : a;
        }).then(function (a) {
          if (pending === query) render(eng, query, a);
        });
      }).catch(function (error) {
        if (pending === query) status.textContent = 'Zoeken werkt nu niet: ' + error.message;
      });
    }

    /** The search page's address for `q`. @param {string} q */
    function to(q) {
      return form.action + '?' + new URLSearchParams({ q: q });
    }

    /** "Bedoelde u: a of b?", links to those searches. @param {string[]} words */
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
      current = { eng: eng, query: query, a: a };
      if (a.corrected) offer([a.corrected]);
      if (filters) {
        filters.render(a.docs, function () {
          history.pushState(null, '', filters ? filters.address(query) : '');
          list();
        });
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
      firstInView();
    }

    /** The results the filters keep, the counts, the status (live region). */
    function list() {
      var a = current.a, query = a.corrected || current.query, all = a.found.results.length;
      var hits = a.hits || a.shown;
      var kept = [];
      a.docs.forEach(function (d, k) { if (!filters || filters.keeps(d)) kept.push(k); });
      var n = filters ? kept.length : all;
      if (filters) filters.count(a.docs);
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
      kept.slice(0, limit).forEach(function (k) {
        var doc = a.docs[k], li = el('li');
        li.appendChild(el('a', doc.t)).href = resultLink(root, doc, query, hits[k].terms);
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

    /** On a narrow screen the keyboard covers the lower half: while the resident types on
     * the search page, the field moves up so the first result shows above it. */
    function firstInView() {
      var first = results.querySelector('li');
      if (!onPage || !first || document.activeElement !== input || !window.matchMedia('(max-width: 48em)').matches) return;
      if (first.getBoundingClientRect().top > window.innerHeight * 0.4) {
        window.scrollBy(0, input.getBoundingClientRect().top - 8);
      }
    }

    keys(input, results, clear);
    input.addEventListener('focus', function () { load(form).catch(function () {}); });
    input.addEventListener('input', function () {
      // The address keeps the query for a reload or a shared link.
      if (filters) history.replaceState(null, '', filters.address(input.value));
      show(input.value);
    });
    if (onPage && filters) {
      var fromAddress = function () {
        if (filters) filters.read();
        input.value = new URLSearchParams(location.search).get('q') || '';
        show(input.value);
      };
      window.addEventListener('popstate', fromAddress);
      fromAddress();
    }
  }

  /** The keys of a search field and its list: ArrowDown from the field into the results,
   * ArrowUp/ArrowDown between them, Escape clears. @param {HTMLInputElement} input
   * @param {HTMLElement} results @param {() => void} clear */
  function keys(input, results, clear) {
    function links() {
      return Array.prototype.slice.call(results.querySelectorAll('a'));
    }
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
  }

  Array.prototype.forEach.call(forms, setup);
  // Only a page opened from a result loads mark.js.
  if (/[?&]markeer=/.test(location.search)) {
    var root = forms[0].getAttribute('data-root') || '';
    files.markeren.forEach(function (path) { loadScript(root + path, true).catch(function () {}); });
  }
})(window);
