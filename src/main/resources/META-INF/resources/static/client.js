// The client pages (issue 14): copy buttons, and the key generator that makes a key pair in the browser and registers
// its public half in one step. Both are additions: without JavaScript the buttons stay hidden and the page says why
// the generator is missing, and the manual upload form works as it is.
(function () {
  'use strict';

  // navigator.clipboard exists only in a secure context (HTTPS or localhost)
  function canCopy() {
    return !!(window.isSecureContext && navigator.clipboard && navigator.clipboard.writeText);
  }

  function canMakeKeys() {
    return !!(window.isSecureContext && window.crypto && crypto.subtle);
  }

  function reveal(root) {
    if (canCopy()) {
      root.querySelectorAll('button.copy[hidden]').forEach(function (b) { b.hidden = false; });
    }
    const tool = root.querySelector ? root.querySelector('#keygen-tool') : null;
    if (tool && canMakeKeys()) {
      tool.hidden = false;
      const unavailable = document.getElementById('keygen-unavailable');
      if (unavailable) unavailable.hidden = true;
    }
  }

  /** Says something in a polite live region: emptied first, so that the same text twice is said twice. */
  function say(region, text) {
    if (!region) return;
    region.textContent = '';
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  async function copy(button) {
    const from = button.dataset.copyFrom;
    const source = from ? document.getElementById(from) : null;
    const text = source ? source.textContent : button.dataset.copy;
    if (text == null) return;
    await navigator.clipboard.writeText(text);
    const status = document.getElementById('copy-status');
    say(status, status ? status.dataset.copied : '');
    button.classList.add('copied');
    window.setTimeout(function () { button.classList.remove('copied'); }, 2000);
  }

  function pem(label, buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    const base64 = btoa(binary).replace(/(.{64})/g, '$1\n');
    return `-----BEGIN ${label}-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
  }

  function base64url(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** The key's RFC 7638 thumbprint: the kid the portal gives a key registered without one. */
  async function thumbprint(jwk) {
    const canonical = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
    return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)));
  }

  function show(templateId) {
    const result = document.getElementById('keygen-result');
    result.replaceChildren(document.getElementById(templateId).content.cloneNode(true));
    reveal(result);
    return result;
  }

  // Makes the pair, sends only the public key through the add-key form's own address (with its CSRF field), puts the
  // answer where the form's htmx answer would go, and offers the private key for download once the key is registered.
  // The private key lives in this function and in the download link's blob, nowhere else.
  async function makeAndRegister(button) {
    const form = document.getElementById('add-key');
    const status = document.getElementById('keygen-status');
    if (!form || button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    say(status, button.dataset.working || '');
    document.getElementById('keygen-result').replaceChildren();
    try {
      let pair;
      let publicPem;
      let privatePem;
      let kid;
      try {
        pair = await crypto.subtle.generateKey(
          { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
          true, ['sign', 'verify']);
        publicPem = pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey));
        privatePem = pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey));
        kid = await thumbprint(await crypto.subtle.exportKey('jwk', pair.publicKey));
      } catch (e) {
        say(status, '');
        show('keygen-failed');
        return;
      }
      const data = new FormData(form);
      data.set('keys', publicPem);
      data.delete('file');
      const response = await fetch(form.getAttribute('action'), {
        method: 'POST', body: data, credentials: 'same-origin', headers: { 'HX-Request': 'true' },
      });
      const html = await response.text();
      if (window.htmx && (response.ok || response.status === 422)) {
        htmx.swap('#keys', html, { swapStyle: 'outerHTML' });
      }
      if (!response.ok) {
        say(status, '');
        show('keygen-refused');
        return;
      }
      const prompt = document.getElementById('keys-prompt');
      if (prompt) prompt.remove();
      const client = document.getElementById('keygen').dataset.client || 'client';
      const file = `${client.slice(0, 8)}-${kid.slice(0, 12)}-private.pem`;
      const result = show('keygen-done');
      result.querySelectorAll('[data-keygen-kid]').forEach(function (el) { el.textContent = kid; });
      result.querySelectorAll('[data-keygen-file]').forEach(function (el) { el.textContent = file; });
      const curl = result.querySelector('#keygen-curl');
      if (curl) curl.textContent = curl.textContent.split('<kid>').join(kid).split('private.pem').join(file);
      const link = result.querySelector('#keygen-download');
      link.href = URL.createObjectURL(new Blob([privatePem], { type: 'application/x-pem-file' }));
      link.download = file;
      say(status, '');
      link.focus();
    } catch (e) {
      say(status, '');
      show('keygen-failed');
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target : null;
    const copyButton = target && target.closest('button.copy');
    if (copyButton) {
      copy(copyButton).catch(function () { /* refused by the browser: nothing copied, nothing said */ });
      return;
    }
    const keygen = target && target.closest('#keygen-button');
    if (keygen) makeAndRegister(keygen);
  });

  document.addEventListener('DOMContentLoaded', function () { reveal(document); });
  // content htmx swaps in (a tab, the key list) gets its buttons too
  document.addEventListener('htmx:load', function (event) { if (event.target instanceof Element) reveal(event.target); });
})();
