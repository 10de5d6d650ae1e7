// "Lees voor", the reader: loaded by leesvoor.js on the first press. It turns the page's text
// into sentences and speaks them one by one with the browser's own Dutch voice (Web Speech
// API; nothing leaves the page but what the browser's engine does with it). One utterance per
// sentence, because long utterances stop halfway in some browsers, and because then the
// sentence being read can be marked: with the CSS Custom Highlight API, so the page's DOM is
// never rewritten. Pause is a cancel that remembers the sentence (speechSynthesis.pause() does
// nothing on Android); "Verder" starts that sentence again. The controls are in two groups
// (.leesvoor): at the top, and a bar that stays at the bottom of the screen while reading;
// their state is the value of data-lezen on both ("nee", "ja", "pauze").
(function () {
  'use strict';

  // Elements that start a new block of text; everything else is read as part of its block.
  var BLOCK = /^(P|H[1-6]|LI|UL|OL|DL|DT|DD|TABLE|THEAD|TBODY|TFOOT|TR|TD|TH|CAPTION|BLOCKQUOTE|DIV|SECTION|ARTICLE|HEADER|FOOTER|ASIDE|NAV|DETAILS|SUMMARY|FIGURE|FIGCAPTION|PRE|HR|ADDRESS|FORM)$/;
  // Not text to read: navigation (contents, pager, "Terug naar de inhoud"), controls, what is
  // hidden, and link icons.
  var SKIP = 'nav, script, style, template, button, input, select, textarea, [hidden], [aria-hidden="true"], .visually-hidden, .leesvoor, .to-toc, .permalink';
  // Where a sentence ends: the rule of src/text.rs (sentence_ends), so the reader and the
  // site's quotes agree: ".", "?" or "!", white space (any run of it), then a capital or an
  // opening quote. The same Unicode properties as Rust's char::is_whitespace and
  // char::is_uppercase (White_Space, Uppercase); tests/browser/zinnen.test.mjs holds them to it.
  var END = /[.?!]\p{White_Space}+(?=[\p{Uppercase}‘“'"(])/gu;
  var SLOW = 0.75;

  // Text gathered from text nodes, with where each node's characters are in it, so that a
  // sentence can be turned back into a Range over the page's own nodes.
  function Text() {
    this.s = '';
    this.map = [];
  }
  Text.prototype.node = function (n) {
    this.map.push({ from: this.s.length, node: n });
    this.s += n.data;
  };
  Text.prototype.sep = function (str) {
    this.s += str;
  };
  Text.prototype.range = function (a, b) {
    var m = this.map;
    var r = document.createRange();
    var i;
    for (i = 0; i < m.length; i++) {
      if (m[i].from + m[i].node.data.length > a) {
        r.setStart(m[i].node, Math.max(0, a - m[i].from));
        break;
      }
    }
    for (i = m.length - 1; i >= 0; i--) {
      if (m[i].from < b) {
        r.setEnd(m[i].node, Math.min(b - m[i].from, m[i].node.data.length));
        break;
      }
    }
    return r;
  };

  var skipped = function (el) {
    return el.matches(SKIP);
  };

  // The text of an element's inline content, list items joined with ", " (an inline list of
  // names is "A, B, C" on screen by CSS only).
  function collect(el, t) {
    el.childNodes.forEach(function (c) {
      if (c.nodeType === 3) return t.node(c);
      if (c.nodeType !== 1 || skipped(c)) return;
      if (c.tagName === 'BR') return t.sep(' ');
      if (c.tagName === 'LI' && c.previousElementSibling) t.sep(', ');
      else if (BLOCK.test(c.tagName)) t.sep(' ');
      collect(c, t);
    });
  }

  var speakable = function (text) {
    return /[\p{L}\p{N}]/u.test(text);
  };
  var tidy = function (text) {
    return text.replace(/\s+/g, ' ').trim();
  };

  // Where the sentences of `s` are: [from, to] pairs, white space at either end left out.
  function zinnen(s) {
    var ends = [];
    var m;
    END.lastIndex = 0;
    while ((m = END.exec(s))) ends.push(m.index + 1);
    ends.push(s.length);
    var a = 0;
    var out = [];
    ends.forEach(function (b) {
      var from = a;
      var to = b;
      a = b;
      while (from < to && /\p{White_Space}/u.test(s[from])) from++;
      while (to > from && /\p{White_Space}/u.test(s[to - 1])) to--;
      out.push([from, to]);
    });
    return out;
  }

  // A block of running text: one item per sentence.
  function sentences(t, at, out) {
    zinnen(t.s).forEach(function (z) {
      var text = tidy(t.s.slice(z[0], z[1]));
      if (speakable(text)) out.push({ text: text, at: at, range: t.range(z[0], z[1]) });
    });
  }

  // A row (a term with its description, a table row) as one sentence: "Datum: 16 mei 2023."
  function row(t, at, out) {
    var text = tidy(t.s);
    if (!speakable(text)) return;
    if (!/[.?!]$/.test(text)) text += '.';
    out.push({ text: text, at: at, range: t.range(0, t.s.length) });
  }

  function rowsOfList(dl, out) {
    var items = [];
    [].forEach.call(dl.children, function (c) {
      if (c.tagName === 'DIV') items.push.apply(items, c.children);
      else items.push(c);
    });
    var t = null;
    var described = false;
    items.forEach(function (c) {
      if (skipped(c)) return;
      if (c.tagName === 'DT') {
        if (t && described) row(t, t.at, out);
        if (!t || described) {
          t = new Text();
          t.at = c;
        } else t.sep(', ');
        described = false;
      } else if (c.tagName === 'DD') {
        if (!t) {
          t = new Text();
          t.at = c;
        }
        t.sep(described ? ', ' : ': ');
        described = true;
      } else return;
      collect(c, t);
    });
    if (t) row(t, t.at, out);
  }

  // A table row by row; with a header row, each cell named by its column: "Jaar: 2023, …".
  function rowsOfTable(table, out) {
    var heads = [];
    if (table.caption) {
      var c = new Text();
      collect(table.caption, c);
      row(c, table.caption, out);
    }
    [].forEach.call(table.rows, function (tr, i) {
      var cells = [].slice.call(tr.cells);
      if (i === 0 && cells.every(function (x) { return x.tagName === 'TH'; })) {
        heads = cells.map(function (x) { return tidy(x.textContent); });
        return;
      }
      var t = new Text();
      cells.forEach(function (cell, j) {
        if (j) t.sep(', ');
        if (heads[j]) t.sep(heads[j] + ': ');
        collect(cell, t);
      });
      row(t, tr, out);
    });
  }

  // A paragraph that is one link and nothing else ("Alle initiatieven") is a way elsewhere,
  // not text.
  var loneLink = function (p) {
    var a = p.firstElementChild;
    return p.children.length === 1 && a.tagName === 'A' && tidy(a.textContent) === tidy(p.textContent);
  };

  // Everything to read in `el`, in order: { text, at (its block element), range }.
  function walk(el, out) {
    var run = null;
    var flush = function () {
      if (run) sentences(run, el, out);
      run = null;
    };
    el.childNodes.forEach(function (c) {
      if (c.nodeType === 3) {
        (run = run || new Text()).node(c);
        return;
      }
      if (c.nodeType !== 1 || skipped(c)) return;
      if (!BLOCK.test(c.tagName)) {
        collect(c, (run = run || new Text()));
        return;
      }
      flush();
      if (c.tagName === 'DL') rowsOfList(c, out);
      else if (c.tagName === 'TABLE') rowsOfTable(c, out);
      else if (!(c.tagName === 'P' && loneLink(c))) walk(c, out);
    });
    flush();
  }

  window.vindplaatsLezer = function (box, root, voiceOf) {
    var synth = window.speechSynthesis;
    var status = document.querySelector('[data-lv-status]');
    var button = function (name) {
      return box.querySelector('[data-lv="' + name + '"]');
    };
    var start = button('start');
    var slow = button('langzaam');
    // Both groups of controls: the box at the top and the bar at the bottom of the screen.
    var groups = [].slice.call(root.querySelectorAll('.leesvoor'));
    var state = function (value) {
      groups.forEach(function (g) {
        g.setAttribute('data-lezen', value);
      });
    };
    var bar = root.querySelector('.leesvoor-balk');
    var highlights = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;
    var reduced = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
    var items = [];
    var at = -1; // the sentence being read (or paused on); -1 when not reading
    var paused = false;
    // Which utterance is current: the events of one cancelled by pause, stop or a new start
    // come late (or as errors) and are ignored.
    var turn = 0;
    var current = null; // kept: Chrome may drop an utterance nobody holds before its "end"

    var say = function (what) {
      if (status) status.textContent = box.getAttribute('data-' + what);
    };
    var pressed = function (b, on) {
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    };
    var silence = function () {
      turn++;
      current = null;
      synth.cancel();
    };

    // Mark the sentence and keep it in view: a third down the screen, smoothly unless the
    // resident asked for less motion.
    function mark(range) {
      if (highlights) highlights.set('leesvoor', new window.Highlight(range));
      var r = range.getBoundingClientRect();
      // Not under the bar at the bottom of the screen.
      var h = window.innerHeight - (bar ? bar.getBoundingClientRect().height : 0);
      if (r.height && (r.top < 0 || r.bottom > h)) {
        window.scrollBy({ top: r.top - h / 3, behavior: reduced && reduced.matches ? 'auto' : 'smooth' });
      }
    }

    function speak(i) {
      var item = items[i];
      var voice = voiceOf();
      if (!item || !voice) return stop(item ? 'gestopt' : 'klaar');
      at = i;
      mark(item.range);
      var u = new window.SpeechSynthesisUtterance(item.text);
      u.voice = voice;
      u.lang = /be$/i.test(voice.lang) ? 'nl-BE' : 'nl-NL';
      u.rate = slow.getAttribute('aria-pressed') === 'true' ? SLOW : 1;
      var mine = ++turn;
      u.addEventListener('end', function () {
        if (mine === turn) speak(i + 1);
      });
      // An error on the current sentence (the engine failed, another page took the voice).
      u.addEventListener('error', function () {
        if (mine === turn) stop('gestopt');
      });
      current = u;
      if (synth.paused) synth.resume();
      synth.speak(u);
    }

    function begin(heading) {
      silence();
      items = [];
      walk(root, items);
      var i = 0;
      if (heading) {
        while (i < items.length && items[i].at !== heading && !(heading.compareDocumentPosition(items[i].at) & 4)) i++;
      }
      paused = false;
      pressed(start, true);
      state('ja');
      say('begonnen');
      speak(i);
    }

    function stop(what) {
      silence();
      at = -1;
      paused = false;
      if (highlights) highlights.delete('leesvoor');
      // A control that hides when reading stops (Pauze, Verder, Stop, the bar) hands the
      // focus to "Lees voor"; from the bar without scrolling back up.
      var active = document.activeElement;
      var lost = active && active.closest && active.closest('.leesvoor') && /^(pauze|verder|stop)$/.test(active.getAttribute('data-lv'));
      var fromBar = lost && bar && bar.contains(active);
      pressed(start, false);
      state('nee');
      if (lost) start.focus({ preventScroll: !!fromBar });
      if (what) say(what);
    }

    // Pauze and Verder are one place in each group, shown in turn: the one pressed hands the
    // focus to the other.
    function pauseOrGoOn(b, pause) {
      if (at < 0 || paused === pause) return;
      paused = pause;
      state(paused ? 'pauze' : 'ja');
      var other = b.parentElement.querySelector('[data-lv="' + (paused ? 'verder' : 'pauze') + '"]');
      if (document.activeElement === b && other) other.focus();
      if (paused) {
        silence();
        say('gepauzeerd');
      } else {
        say('verder');
        speak(at);
      }
    }

    window.addEventListener('pagehide', function () {
      if (at >= 0) stop(null);
    });

    return {
      press: function (b) {
        var what = b.getAttribute('data-lv');
        if (what === 'start') {
          if (at >= 0) stop('gestopt');
          else begin(null);
        } else if (what === 'vanaf') {
          begin(b.previousElementSibling);
        } else if (what === 'pauze' || what === 'verder') {
          pauseOrGoOn(b, what === 'pauze');
        } else if (what === 'stop') {
          if (at >= 0) stop('gestopt');
        } else if (what === 'langzaam') {
          pressed(slow, slow.getAttribute('aria-pressed') !== 'true');
          // The new speed at once: the sentence being read starts again.
          if (at >= 0 && !paused) {
            silence();
            speak(at);
          }
        }
      },
    };
  };
  // The sentence rule on its own, for the parity test with src/text.rs.
  window.vindplaatsLezer.zinnen = zinnen;
})();
