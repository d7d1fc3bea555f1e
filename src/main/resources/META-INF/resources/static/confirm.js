// Destructive buttons ask first (issue 14). A form with data-confirm opens the page's <dialog> with its question,
// which names what would be removed; only "confirm" sends the form, without its ask field (tags/confirmAsk.html), so
// the server acts at once. Escape or "Avbryt" leave everything as it was and put the focus back on the button. Without
// JavaScript the ask field makes the server answer with a confirmation page instead; a browser without <dialog> asks
// with its own question box.
(function () {
  'use strict';
  let waiting = null;
  let opener = null;

  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-confirm')) return;
    if (form.dataset.confirmed === 'true') {
      delete form.dataset.confirmed;
      return;
    }
    const dialog = document.getElementById('confirm-dialog');
    if (!dialog || typeof dialog.showModal !== 'function') {
      // a browser without <dialog>: its own question box, which names the object as well
      if (window.confirm(form.getAttribute('data-confirm'))) {
        form.querySelectorAll('[data-confirm-ask]').forEach(function (f) { f.disabled = true; });
      } else {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      return;
    }
    // before htmx and the busy marking (static/portal.js) see it: nothing is sent unless confirmed
    event.preventDefault();
    event.stopImmediatePropagation();
    waiting = { form: form, submitter: event.submitter || null };
    opener = event.submitter || document.activeElement;
    document.getElementById('confirm-dialog-question').textContent = form.getAttribute('data-confirm');
    document.getElementById('confirm-dialog-confirm').textContent =
        form.getAttribute('data-confirm-button') || (event.submitter && event.submitter.textContent) || 'OK';
    dialog.returnValue = '';
    dialog.showModal();
    document.getElementById('confirm-dialog-cancel').focus();
  }, true);

  document.addEventListener('close', function (event) {
    if (!event.target || event.target.id !== 'confirm-dialog') return;
    const asked = waiting;
    waiting = null;
    if (!asked) return;
    if (event.target.returnValue === 'confirm' && asked.form.isConnected) {
      asked.form.querySelectorAll('[data-confirm-ask]').forEach(function (f) { f.disabled = true; });
      asked.form.dataset.confirmed = 'true';
      if (opener && opener.isConnected) opener.focus();
      if (asked.submitter && asked.submitter.isConnected) asked.form.requestSubmit(asked.submitter);
      else asked.form.requestSubmit();
    } else if (opener && opener.isConnected) {
      opener.focus();
    }
  }, true);

  // An undo button lasts as long as the server accepts it; then it goes, and the message stays.
  function timeUndos() {
    document.querySelectorAll('form[data-undo-seconds]:not([data-undo-timed])').forEach(function (form) {
      form.setAttribute('data-undo-timed', 'true');
      const seconds = parseInt(form.getAttribute('data-undo-seconds'), 10) || 30;
      setTimeout(function () {
        const hadFocus = form.contains(document.activeElement);
        form.remove();
        if (hadFocus) {
          const main = document.getElementById('main');
          if (main) main.focus();
        }
      }, seconds * 1000);
    });
  }
  document.addEventListener('DOMContentLoaded', timeUndos);
  document.addEventListener('htmx:afterSettle', timeUndos);
  document.addEventListener('htmx:oobAfterSwap', timeUndos);

  // Every htmx answer to a change replaces the status region (tags/announcement.html does it on the server); an
  // answer without one, such as a page that moved elsewhere, still leaves no message about an earlier change.
  document.addEventListener('htmx:beforeSwap', function (event) {
    const verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (!verb || verb === 'get') return;
    const text = event.detail.serverResponse || '';
    if (text.indexOf('id="alerts"') >= 0) return;
    const alerts = document.getElementById('alerts');
    if (alerts && event.detail.target !== alerts) alerts.replaceChildren();
  });
})();
