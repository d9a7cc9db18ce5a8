/* Live "anslag inkl. mellemrum" counter for text areas with a limit (progressive enhancement).

   Markup (the server renders the messages, so they are translated there):
     <textarea data-char-limit="1500" data-char-counter="section-3-counter"
               data-counter-text="{count} af {limit} anslag"
               data-counter-over-text="{count} af {limit} anslag – {over} for mange">…</textarea>
     <span id="section-3-counter" class="form-hint" aria-live="polite"></span>

   Counts exactly as tracker/reports/counting.py count_characters does: every code point, spaces and
   non-breaking spaces included; line breaks (\r\n, \r, \n) not at all. A Chromium test compares the two.
   A field with data-count-line-breaks counts each line break as one character, as Python's len() counts a
   text whose breaks the form made \n (the initiative form's description); an <input> works as a text area.
   Not DKFDS's own .form-limit component: that counts UTF-16 units (an emoji as two) and line breaks. */
(function () {
  'use strict';

  var LINE_BREAKS = /\r\n|\r|\n/g;
  var OVER_CLASSES = ['is-over', 'form-error-message'];  // DKFDS's error colour and weight

  function countCharacters(text, withLineBreaks) {
    // Array.from walks code points, so "😀" is one character, as in Python's len().
    return Array.from(String(text == null ? '' : text).replace(LINE_BREAKS, withLineBreaks ? '\n' : '')).length;
  }

  function numberFormat() {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined);
    } catch (error) {  // an unknown lang attribute: the browser's own locale
      return new Intl.NumberFormat();
    }
  }

  function fill(template, values) {
    return template.replace(/\{(count|limit|over)\}/g, function (match, name) {
      return values[name];
    });
  }

  function attach(textarea, format) {
    var limit = parseInt(textarea.getAttribute('data-char-limit'), 10);
    var counter = document.getElementById(textarea.getAttribute('data-char-counter') || '');
    if (!counter || !(limit >= 0)) {
      return;
    }
    var text = textarea.getAttribute('data-counter-text') || '{count} / {limit}';
    var overText = textarea.getAttribute('data-counter-over-text') || text;
    if (!counter.hasAttribute('aria-live')) {
      counter.setAttribute('aria-live', 'polite');
    }
    var describedBy = (textarea.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (describedBy.indexOf(counter.id) === -1) {
      describedBy.push(counter.id);
      textarea.setAttribute('aria-describedby', describedBy.join(' '));
    }

    function update() {
      var count = countCharacters(textarea.value, textarea.hasAttribute('data-count-line-breaks'));
      var over = count - limit;
      var isOver = over > 0;
      counter.textContent = fill(isOver ? overText : text, {
        count: format.format(count), limit: format.format(limit), over: format.format(Math.max(over, 0))
      });
      OVER_CLASSES.forEach(function (name) { counter.classList.toggle(name, isOver); });
      textarea.classList.toggle('is-over', isOver);
    }

    textarea.addEventListener('input', update);
    update();
  }

  function init() {
    var format = numberFormat();
    var textareas = document.querySelectorAll('textarea[data-char-limit], input[data-char-limit]');
    for (var i = 0; i < textareas.length; i++) {
      attach(textareas[i], format);
    }
  }

  window.tvaersCountCharacters = countCharacters;
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
