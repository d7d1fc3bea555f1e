// When an htmx swap removes the element that had the focus (the "Fjern" button of a removed row), the browser drops
// the focus to <body> and a keyboard or screen-reader user is thrown back to the top of the page (WCAG 2.4.3). Put it
// on the swapped block's marked heading instead. Swaps that keep the focused element leave the focus alone.
(function () {
  'use strict';
  document.addEventListener('htmx:afterSettle', function (event) {
    if (document.activeElement && document.activeElement !== document.body) return;
    const target = event.detail && event.detail.target;
    const block = (target && target.id && document.getElementById(target.id)) || target;
    const to = (block && block.querySelector && block.querySelector('[data-focus-after-swap]')) || null;
    if (!to) return;
    if (!to.hasAttribute('tabindex')) to.setAttribute('tabindex', '-1');
    to.focus();
  });
})();
