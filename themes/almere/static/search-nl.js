/*! vindplaats — the Dutch search pipeline, twin of src/search/dutch.rs. Every rule here must stay
 * identical to the Rust side; the parity test (tests/browser/parity.test.mjs) checks it on
 * Debian's Dutch word list and more. Changing a rule means bumping VERSION on both sides. */
(function (root) {
  'use strict';
  var VERSION = 'nl-v1';
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

  function stopWords(token) {
    return STOP_WORDS[token] === true ? undefined : token;
  }

  /** Snowball Dutch, then two rules it lacks (as in src/search/dutch.rs): undouble a final double
   * consonant, and a final z or v after a vowel, l or r becomes s or f. */
  function stemmerFrom(snowball) {
    return function (token) {
      var s = snowball(token);
      var a = s.charAt(s.length - 1);
      if (s.length >= 2 && a === s.charAt(s.length - 2) && /[a-z]/.test(a) && 'aeiouy'.indexOf(a) < 0) s = s.slice(0, -1);
      if (/[aeiouylr][zv]$/.test(s)) s = s.slice(0, -1) + (s.charAt(s.length - 1) === 'z' ? 's' : 'f');
      return s === '' ? undefined : s;
    };
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
      /** The decompounding step of src/search/dutch.rs whose parts the index carries. */
      DECOMPOUND: 'decompound-nl-v1',
      tokenize: tokenize,
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
