/*! vindplaats — the Dutch search pipeline, twin of src/search/dutch.rs. Every rule here must stay
 * identical to the Rust side; the parity test (tests/browser/parity.test.mjs) checks it on
 * Debian's Dutch word list and more. Changing a rule means bumping VERSION on both sides. */
(function (root) {
  'use strict';
  var VERSION = 'nl-v2';
  var SPLIT = /[\p{White_Space}\p{Pd}\/\\\u2044\u2215\uFF0F]+/u;
  var MARKS = /[\p{M}\u00AD]/gu;
  var APOSTROPHES = '\'\u2019\u2018\u02BC`';
  var TRIM = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var STOP_WORDS = {};
  ('aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge ' +
   'geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen ' +
   'maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te ' +
   'tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf ' +
   'zich zij zijn zo zonder zou').split(' ').forEach(function (w) { STOP_WORDS[w] = true; });

  function tokenize(text) {
    if (text === null || text === undefined) return [];
    return String(text).split(SPLIT).filter(function (t) { return t !== ''; });
  }

  function fold(token) {
    var s = token.normalize('NFKD').toLowerCase().replace(MARKS, '');
    s = Array.from(s).filter(function (c) { return c.codePointAt(0) <= 0xFFFF; }).join('');
    if (s.length >= 2 && s.charAt(s.length - 1) === 's' && APOSTROPHES.indexOf(s.charAt(s.length - 2)) >= 0) {
      s = s.slice(0, -2);
    }
    s = s.split('').filter(function (c) { return APOSTROPHES.indexOf(c) < 0; }).join('');
    return s === '' ? undefined : s;
  }

  function trim(token) {
    var s = token.replace(TRIM, '');
    return s === '' ? undefined : s;
  }

  // overrides:begin (made from src/search/stem-overrides.txt)
  var OVERRIDES = {
    ouderen: 'oudren',
    oudere: 'oudren',
    steeds: 'steeds',
    weet: 'weet',
    weten: 'weet',
    arts: 'arts',
  };
  // overrides:end
  function stopWords(token) {
    return STOP_WORDS[token] === true ? undefined : token;
  }

  /** Snowball Dutch, then two rules it lacks (as in src/search/dutch.rs): undouble a final double
   * consonant, and a final z or v after a vowel, l or r becomes s or f; a word of OVERRIDES
   * gets its term from there. */
  function stemmerFrom(snowball) {
    return function (token) {
      if (Object.prototype.hasOwnProperty.call(OVERRIDES, token)) return OVERRIDES[token];
      var s = snowball(token);
      var a = s.charAt(s.length - 1);
      if (s.length >= 2 && a === s.charAt(s.length - 2) && /[a-z]/.test(a) && 'aeiouy'.indexOf(a) < 0) s = s.slice(0, -1);
      if (/[aeiouylr][zv]$/.test(s)) s = s.slice(0, -1) + (s.charAt(s.length - 1) === 'z' ? 's' : 'f');
      return s === '' ? undefined : s;
    };
  }

  // The compound splitter of src/search/compounds.rs, rule for rule (parity.test.mjs).
  var MIN_PART = 4, MIN_LAST = 3, LINKS = ['', 's', 'e', 'en'];
  var NOT_LAST = {};
  ('baar bare ende eren erend heden heid ling lingen lijk lijke lijks lende loos loze schap schappen uren')
    .split(' ').forEach(function (w) { NOT_LAST[w] = true; });

  /** Can `piece` be the last part of a compound? */
  function mayEnd(piece) {
    var vowel = function (c) { return 'aeiouy'.indexOf(c) >= 0; };
    if (piece.length < MIN_LAST) return false;
    if (piece.length < MIN_PART) {
      return !vowel(piece.charAt(0)) && vowel(piece.charAt(1)) && !vowel(piece.charAt(2)) && piece.charAt(2) !== 'n';
    }
    return NOT_LAST[piece] !== true;
  }

  /** Fewer parts; then the longer shortest part; then longer parts from the left. */
  function better(candidate, current) {
    if (!current) return true;
    var a = candidate.map(function (p) { return p[1] - p[0]; }), b = current.map(function (p) { return p[1] - p[0]; });
    if (a.length !== b.length) return a.length < b.length;
    var shortest = function (l) { return Math.min.apply(null, l); };
    if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b);
    for (var k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] > b[k];
    return false;
  }

  /** The parts a folded word splits into (`known` says which pieces are words), or null:
   * split() of src/search/compounds.rs. */
  function split(word, known) {
    var n = word.length;
    if (n < MIN_PART + MIN_LAST || !/^[a-z]+$/.test(word)) return null;
    var best = [[]];
    for (var i = 0; i < n; i++) {
      var before = best[i];
      if (!before) continue;
      for (var j = i + MIN_LAST; j <= n; j++) {
        var last = j === n;
        if (j - i === n || (!last && j - i < MIN_PART) || (last && !mayEnd(word.slice(i, j)))) continue;
        if (!known(word.slice(i, j))) continue;
        for (var l = 0; l < LINKS.length; l++) {
          var end = j + LINKS[l].length;
          if (end > n || word.slice(j, end) !== LINKS[l] || (end === n && LINKS[l])) continue;
          var candidate = before.concat([[i, j]]);
          if (better(candidate, best[end])) best[end] = candidate;
        }
      }
    }
    return best[n] ? best[n].map(function (p) { return word.slice(p[0], p[1]); }) : null;
  }

  /** For a word that does not split whole: the longest known piece it starts and the one it
   * ends with (ends() of src/search/compounds.rs). */
  function ends(word, known) {
    var n = word.length, out = [], j, i;
    if (n <= MIN_PART || !/^[a-z]+$/.test(word)) return out;
    for (j = n - 1; j >= MIN_PART; j--) if (known(word.slice(0, j))) { out.push(word.slice(0, j)); break; }
    for (i = 1; i <= n - MIN_PART; i++) if (mayEnd(word.slice(i)) && known(word.slice(i))) { out.push(word.slice(i)); break; }
    return out;
  }

  function run(fns, tokens) {
    var out = [];
    tokens.forEach(function (token) {
      for (var i = 0; i < fns.length && token !== undefined; i++) token = fns[i](token);
      if (token !== undefined) out.push(token);
    });
    return out;
  }

  /** The pipeline as plain functions: `terms(text, true)` is what the main index holds for a
   * text, `terms(text, false)` what the unstemmed names index holds. */
  function make(snowball) {
    var stem = stemmerFrom(snowball);
    return {
      VERSION: VERSION,
      SPLIT: SPLIT,
      /** The compound splitter of src/search/compounds.rs, whose parts the index carries. */
      DECOMPOUND: 'decompound-nl-v2',
      split: split,
      ends: ends,
      tokenize: tokenize,
      /** A token folded and trimmed, not stemmed, stop words kept (Analyzer::folded). */
      folded: function (token) {
        var r = run([fold, trim], [token]);
        return r.length ? r[0] : undefined;
      },
      process: function (token, stemmed) {
        var r = run(stemmed ? [fold, trim, stopWords, stem] : [fold, trim, stopWords], [token]);
        return r.length ? r[0] : undefined;
      },
      terms: function (text, stemmed) {
        return run(stemmed ? [fold, trim, stopWords, stem] : [fold, trim, stopWords], tokenize(text));
      },
      /** Registers the functions under their versioned names, so elasticlunr.js can load an
       * index written by src/search/dutch.rs (and refuses one written by another version). */
      register: function (elasticlunr) {
        var named = { fold: fold, trimmer: trim, stopwords: stopWords, stemmer: stem };
        Object.keys(named).forEach(function (name) {
          var label = name + '-' + VERSION;
          if (!elasticlunr.Pipeline.getRegisteredFunction(label)) {
            elasticlunr.Pipeline.registerFunction(function (token) { return named[name](token); }, label);
          }
        });
        elasticlunr.tokenizer = tokenize;
      }
    };
  }

  root.vindplaatsNl = make(root.vindplaatsStemmerNl);
})(window);
