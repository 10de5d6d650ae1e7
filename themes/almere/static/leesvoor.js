// "Lees voor", the part every report, theme and initiative page loads (deferred): it only finds
// out whether the browser can speak Dutch, and if so shows the controls of
// partials/leesvoor.html and a "Lees voor vanaf hier" button after each section heading. The
// reader itself (leesvoor-lezer.js) is loaded on the first press, so pages where nobody listens
// never download it. Without a speech engine or a Dutch voice nothing is shown: no dead button.
(function () {
  'use strict';
  var box = document.querySelector('[data-leesvoor]');
  var synth = window.speechSynthesis;
  if (!box || !synth || !window.SpeechSynthesisUtterance) return;
  var root = box.parentElement;

  // A Dutch voice: nl-NL, else nl-BE (Android writes nl_NL); a voice on the device before one
  // that sends the text to a server. Handed to the reader, so both choose alike.
  function dutchVoice() {
    var best = null;
    var rank = 0;
    synth.getVoices().forEach(function (v) {
      var lang = String(v.lang || '').replace('_', '-').toLowerCase();
      if (lang !== 'nl-nl' && lang !== 'nl-be') return;
      var r = (lang === 'nl-nl' ? 4 : 2) + (v.localService ? 1 : 0);
      if (r > rank) {
        best = v;
        rank = r;
      }
    });
    return best;
  }

  var reader = null;
  var loading = false;
  var waiting = null;
  function press(button) {
    if (reader) return reader.press(button);
    waiting = button;
    if (loading) return;
    loading = true;
    // Safari on iPhone speaks only when the first utterance comes from the press itself; the
    // reader's first sentence comes after the script has loaded. An empty utterance now opens
    // the way.
    synth.speak(new window.SpeechSynthesisUtterance(''));
    var s = document.createElement('script');
    s.src = box.getAttribute('data-leesvoor');
    s.onload = function () {
      reader = window.vindplaatsLezer(box, root, dutchVoice);
      if (waiting) reader.press(waiting);
    };
    s.onerror = function () {
      loading = false;
    };
    document.head.appendChild(s);
  }

  var shown = false;
  function show() {
    if (shown || !dutchVoice()) return;
    shown = true;
    // The polite live region, empty until the reader speaks: outside <main>, so the page's
    // content is the same before and after reading.
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('data-lv-status', '');
    document.body.appendChild(status);
    root.querySelectorAll('h2').forEach(function (h) {
      if (h.closest('nav, [data-leesvoor]')) return;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'lv-vanaf';
      b.setAttribute('data-lv', 'vanaf');
      b.textContent = box.getAttribute('data-vanaf');
      // The visible words first (WCAG 2.5.3), then which section.
      b.setAttribute('aria-label', b.textContent + ': ' + h.textContent.trim());
      // After the heading's box (a report's heading stands with its permalink in div.kop).
      (h.parentElement.classList.contains('kop') ? h.parentElement : h).insertAdjacentElement('afterend', b);
    });
    root.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('button[data-lv]');
      if (b && root.contains(b)) press(b);
    });
    box.hidden = false;
  }

  show();
  // Voices often arrive after the page (Chrome fills the list later).
  if (!shown && synth.addEventListener) synth.addEventListener('voiceschanged', show);
})();
