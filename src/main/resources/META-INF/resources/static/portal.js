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

// Safe clicks (issue 14): a form whose request is in flight is not sent again by a second click or Enter. While htmx
// waits for the answer, or after a form without htmx has left for the next page, the form is busy (aria-busy, shown as
// progress by the stylesheet) and its buttons say they are unavailable; a busy form's submit is dropped before htmx
// sees it. aria-disabled rather than disabled: a disabled button loses the focus, and htmx gives the focus back to the
// button after a swap (WCAG 2.4.3). Without JavaScript the server's submission key guards the creates
// (system/Submissions).
(function () {
  'use strict';
  function isPostForm(form) {
    return form instanceof HTMLFormElement && form.method === 'post';
  }
  function busy(form, on) {
    if (!(form instanceof HTMLFormElement)) return;
    if (on) form.setAttribute('aria-busy', 'true'); else form.removeAttribute('aria-busy');
    form.querySelectorAll('button[type=submit], button:not([type]), input[type=submit]').forEach(function (b) {
      if (on) b.setAttribute('aria-disabled', 'true'); else b.removeAttribute('aria-disabled');
    });
  }
  document.addEventListener('submit', function (event) {
    if (isPostForm(event.target) && event.target.getAttribute('aria-busy') === 'true') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener('submit', function (event) {
    // htmx has taken this one (it prevents the browser's own submit) and marks it busy when it sends
    if (!event.defaultPrevented && isPostForm(event.target)) busy(event.target, true);
  });
  document.addEventListener('htmx:beforeSend', function (event) {
    if (isPostForm(event.detail.elt)) busy(event.detail.elt, true);
  });
  document.addEventListener('htmx:afterRequest', function (event) {
    const xhr = event.detail.xhr;
    // the answer leads to another page: stay busy until it is there
    if (xhr && xhr.getResponseHeader('HX-Redirect')) return;
    busy(event.detail.elt, false);
  });
  // back to a page the browser kept: its forms may be sent again
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) document.querySelectorAll('form[aria-busy]').forEach(function (f) { busy(f, false); });
  });
})();
