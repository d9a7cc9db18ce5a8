/* The log entry form's initiative picker, suggesting as the user types (progressive enhancement).

   Without this script the picker's "Søg" button posts the form, which comes back with the matching
   initiatives as radio buttons. With it, typing asks /search/initiatives?q=… (at most ten initiatives the
   user may log on) and puts the answer in place of the earlier suggestions; the chosen initiative and
   "Ingen indsats" stay. The server renders the status messages, so they are translated there.
   Choosing an initiative ticks its administrations (each option's data-administrations: lead and partners)
   under "Involverede forvaltninger"; choosing another unticks those it ticked and the user left alone. */
(function () {
  'use strict';

  var DELAY = 200;  // ms after the last key press

  function attach(picker) {
    var input = picker.querySelector('input[type="search"]');
    var options = picker.querySelector('.initiative-picker__options');
    var status = picker.querySelector('.initiative-picker__status');
    var url = picker.getAttribute('data-suggest-url');
    if (!input || !options || !status || !url) {
      return;
    }
    var timer = null;
    var asked = 0;

    function say(count) {
      var text = count === 0 ? picker.getAttribute('data-found-none')
        : count === 1 ? picker.getAttribute('data-found-one')
          : picker.getAttribute('data-found-many').replace('{num}', String(count));
      status.textContent = text;
    }

    function option(initiative) {
      var id = 'initiative-s' + initiative.id;
      var wrapper = document.createElement('div');
      wrapper.className = 'form-group-radio';
      wrapper.setAttribute('data-suggested', '');
      var radio = document.createElement('input');
      radio.type = 'radio';
      radio.className = 'form-radio';
      radio.name = 'initiative';
      radio.id = id;
      radio.value = String(initiative.id);
      radio.setAttribute('data-administrations', (initiative.administrations || []).join(' '));
      var label = document.createElement('label');
      label.className = 'form-label';
      label.htmlFor = id;
      label.textContent = initiative.title;  // text, never HTML
      wrapper.appendChild(radio);
      wrapper.appendChild(label);
      return wrapper;
    }

    function show(initiatives) {
      var present = {};
      Array.prototype.forEach.call(options.querySelectorAll('.form-group-radio'), function (row) {
        var radio = row.querySelector('input');
        if (radio.checked || radio.value === '') {
          present[radio.value] = true;
        } else {
          row.parentNode.removeChild(row);  // an earlier suggestion the user did not choose
        }
      });
      initiatives.forEach(function (initiative) {
        if (!present[String(initiative.id)]) {
          options.appendChild(option(initiative));
        }
      });
      say(initiatives.length);
    }

    function ask() {
      var query = input.value.trim();
      if (query.length < 2) {
        return;
      }
      var mine = ++asked;
      fetch(url + '?q=' + encodeURIComponent(query), {
        credentials: 'same-origin', headers: {Accept: 'application/json'}
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (data && mine === asked) {  // only the answer to the latest question counts
          show(data.initiatives || []);
        }
      }).catch(function () { /* offline: the "Søg" button still works */ });
    }

    var form = picker.closest('form');
    var ticked = [];  // the administrations the last choice ticked, and the user has not touched since

    options.addEventListener('change', function (event) {
      var radio = event.target;
      if (radio.name !== 'initiative' || !radio.checked || !form) {
        return;
      }
      ticked.forEach(function (box) { box.checked = false; });
      ticked = [];
      (radio.getAttribute('data-administrations') || '').split(/\s+/).filter(Boolean).forEach(function (id) {
        var box = form.querySelector('input[type="checkbox"][name="administrations"][value="' + id + '"]');
        if (box && !box.checked) {
          box.checked = true;
          ticked.push(box);
        }
      });
      if (ticked.length) {
        status.textContent = picker.getAttribute('data-ticked-text') || '';
      }
    });
    if (form) {
      form.addEventListener('change', function (event) {
        var index = ticked.indexOf(event.target);
        if (index !== -1) {  // the user changed it: it is theirs now
          ticked.splice(index, 1);
        }
      });
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {  // search here, do not post the form
        event.preventDefault();
        window.clearTimeout(timer);
        ask();
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('.initiative-picker[data-suggest-url]'), attach);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
