/* "Tilføj nøgletal" adds an empty key-figure row in place (progressive enhancement of the initiative form).

   Markup (templates/initiatives/_form_macros.html, `key_figure_rows`): <fieldset class="key-figures"
   data-row-legend="Nøgletal {row}" data-max-rows="…" data-added-text="Række {row} er tilføjet."> with rows
   fieldset[data-key-figure-row] of inputs named key_figures-<n>-<part>, and the button. Without this script
   the button posts the form, which comes back with one more row and every value kept. */
(function () {
  'use strict';

  var ROW_NAME = /^key_figures-(\d+)-/;

  function attach(box) {
    var button = box.querySelector('.key-figures__add');
    var rows = box.querySelector('.key-figures__rows');
    var status = box.querySelector('.key-figures__status');
    if (!button || !rows) {
      return;
    }
    var most = parseInt(box.getAttribute('data-max-rows'), 10) || Infinity;

    function all() {
      return rows.querySelectorAll('[data-key-figure-row]');
    }

    function nextIndex() {
      var highest = -1;
      Array.prototype.forEach.call(rows.querySelectorAll('input[name^="key_figures-"]'), function (input) {
        var match = ROW_NAME.exec(input.name);
        if (match) {
          highest = Math.max(highest, parseInt(match[1], 10));
        }
      });
      return highest + 1;
    }

    function renamed(value, index) {
      return value.replace(ROW_NAME, 'key_figures-' + index + '-');
    }

    function addRow() {
      var existing = all();
      var template = existing[existing.length - 1];
      if (!template || existing.length >= most) {
        return;
      }
      var index = nextIndex();
      var row = template.cloneNode(true);
      Array.prototype.forEach.call(row.querySelectorAll('.form-error-message'), function (message) {
        message.parentNode.removeChild(message);
      });
      Array.prototype.forEach.call(row.querySelectorAll('.form-error'), function (group) {
        group.classList.remove('form-error');
      });
      Array.prototype.forEach.call(row.querySelectorAll('input'), function (input) {
        input.value = '';
        input.name = renamed(input.name, index);
        input.id = renamed(input.id, index);
        ['aria-invalid', 'aria-describedby', 'autofocus'].forEach(function (name) { input.removeAttribute(name); });
      });
      Array.prototype.forEach.call(row.querySelectorAll('label[for]'), function (label) {
        label.htmlFor = renamed(label.htmlFor, index);
      });
      var number = String(existing.length + 1);
      var legend = row.querySelector('legend');
      if (legend) {
        legend.textContent = (box.getAttribute('data-row-legend') || '').replace('{row}', number);
      }
      template.parentNode.insertBefore(row, template.nextSibling);
      row.querySelector('input').focus();
      if (status) {
        status.textContent = (box.getAttribute('data-added-text') || '').replace('{row}', number);
      }
      button.hidden = all().length >= most;
    }

    button.addEventListener('click', function (event) {
      event.preventDefault();  // in place: nothing is posted
      addRow();
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('.key-figures'), attach);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
