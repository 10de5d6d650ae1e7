/*! vindplaats — marks the words of a search on the page a result opened
 * (`…/?markeer=eenzaam+jongeren#voor-jongeren`). Loaded by search.js only when the address
 * has `markeer`, after the stemmer and search-nl.js: a word is marked when the index would
 * have matched it, because it goes through the same Dutch pipeline and the same rule (its term
 * starts with a query term, as elasticlunr's prefix expansion does, or is one of the terms
 * in `ook`: the synonyms, compounds and parts the result was found by, which the index matched
 * exactly). Marks are made with DOM methods around existing text; removing them puts the
 * original text nodes back. */
(function (window) {
  'use strict';
  var MAX_WORDS = 10;
  var CORE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u;

  /** The query terms of a `markeer` value: its first ten words through the pipeline. Only
   * the start of a long value is read, so thousands of words cost nothing. */
  function terms(nl, raw) {
    var out = [];
    nl.tokenize(String(raw).slice(0, 1000)).slice(0, MAX_WORDS).forEach(function (t) {
      var term = nl.process(t, true);
      if (term && out.indexOf(term) < 0) out.push(term);
    });
    return out;
  }

  /** The terms of an `ook` value as the index wrote them: its first ten, as they are. */
  function also(raw) {
    return String(raw).slice(0, 1000).split(' ').filter(Boolean).slice(0, MAX_WORDS);
  }

  /** Does `token` (one word of the pipeline's tokenizer) match one of `query`, or is its
   * term one of `exact`? */
  function matches(nl, query, token, exact) {
    var t = nl.process(token, true);
    return !!t && (query.some(function (q) { return t.indexOf(q) === 0; }) || (exact || []).indexOf(t) >= 0);
  }

  var api = { terms: terms, also: also, matches: matches, MAX_WORDS: MAX_WORDS };
  window.vindplaatsMarkeer = api;
  var nl = window.vindplaatsNl;
  if (typeof document === 'undefined' || !nl) return;

  var params = new URLSearchParams(window.location.search);
  var query = terms(nl, params.get('markeer') || '');
  var exact = also(params.get('ook') || '');
  if (!query.length && !exact.length) return;
  var id = decodeURIComponent(window.location.hash.slice(1));
  var target = id && document.getElementById(id);
  var area = target ? target.closest('section') || target : document.querySelector('main');
  if (!area) return;

  // Collect first, change after: the walker must not see the marks it would add.
  var texts = [];
  var walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (!walker.currentNode.parentNode.closest('script, style, mark, button')) texts.push(walker.currentNode);
  }
  var split = new RegExp('(' + nl.SPLIT.source + ')', 'u');
  var changed = [];
  texts.forEach(function (node) {
    var parts = node.data.split(split);
    var made = [], buffer = '', any = false;
    parts.forEach(function (part, k) {
      // Odd places hold the separators the split captured.
      if (k % 2 || !part || !matches(nl, query, part, exact)) { buffer += part; return; }
      var core = CORE.exec(part);
      any = true;
      made.push(document.createTextNode(buffer + core[1]));
      var mark = document.createElement('mark');
      mark.textContent = core[2];
      made.push(mark);
      buffer = core[3];
    });
    if (!any) return;
    made.push(document.createTextNode(buffer));
    made.forEach(function (n) { node.parentNode.insertBefore(n, node); });
    node.parentNode.removeChild(node);
    changed.push({ node: node, made: made });
  });
  if (!changed.length) return;

  var bar = document.createElement('p');
  bar.className = 'marking-bar';
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Markering weghalen';
  bar.appendChild(button);
  area.insertBefore(bar, area.firstChild);
  button.addEventListener('click', function () {
    changed.forEach(function (c) {
      var parent = c.made[0].parentNode;
      parent.insertBefore(c.node, c.made[0]);
      c.made.forEach(function (n) { parent.removeChild(n); });
    });
    area.removeChild(bar);
    // Focus stays in the text, and a reload does not mark again.
    var main = document.querySelector('main');
    if (main) main.focus({ preventScroll: true });
    var params = new URLSearchParams(window.location.search);
    params.delete('markeer');
    params.delete('ook');
    var rest = params.toString();
    window.history.replaceState(window.history.state, '', window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
  });
  var first = area.querySelector('mark');
  if (first) first.scrollIntoView({ block: 'center' });
})(window);
