/* Initialise Det Fælles Designsystem components (menus, dropdowns, alerts, accordions …).
   Loaded with `defer` after vendor/dkfds/js/dkfds.min.js, so the DOM is parsed. */
(function () {
  'use strict';
  if (window.DKFDS && typeof window.DKFDS.init === 'function') {
    window.DKFDS.init();
  }
})();
