/* While an import file is read or saved (a few seconds at thousands of rows), say so and stop a second click.

   Markup: <form data-import-form data-busy-text="Behandler filen …"> … <button type="submit"> …
           <p data-import-status aria-live="polite"></p></form>
   Without JavaScript the form simply submits. */
(function () {
  'use strict';

  function busy(form) {
    var status = form.querySelector('[data-import-status]');
    if (status) {
      status.textContent = form.getAttribute('data-busy-text') || '';
    }
    form.setAttribute('aria-busy', 'true');
    Array.prototype.forEach.call(form.querySelectorAll('button[type="submit"]'), function (button) {
      // Disabled after this event, so the button's own submission still goes through.
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-import-form]'), function (form) {
    form.addEventListener('submit', function () { busy(form); });
  });
}());
