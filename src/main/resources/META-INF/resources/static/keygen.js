// An RSA key pair made in the browser with WebCrypto: the private key is offered as a PKCS#8 PEM download and never
// leaves the browser; the public key (SPKI PEM) is put into the add-key form, so submitting it registers the key.
(function () {
  'use strict';

  function pem(label, buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    const base64 = btoa(binary).replace(/(.{64})/g, '$1\n');
    return `-----BEGIN ${label}-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
  }

  async function generate(section) {
    const result = document.getElementById('keygen-result');
    try {
      const pair = await crypto.subtle.generateKey(
        { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        true, ['sign', 'verify']);
      const privatePem = pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey));
      const publicPem = pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey));
      result.replaceChildren(document.getElementById('keygen-done').content.cloneNode(true));
      const link = document.getElementById('keygen-download');
      link.href = URL.createObjectURL(new Blob([privatePem], { type: 'application/x-pem-file' }));
      link.download = `${section.dataset.client}-private.pem`;
      const textarea = document.getElementById('f-keys');
      if (textarea) textarea.value = publicPem;
      link.focus();
    } catch (e) {
      result.replaceChildren(document.getElementById('keygen-failed').content.cloneNode(true));
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    const section = document.getElementById('keygen');
    const button = document.getElementById('keygen-button');
    if (!section || !button) return;
    if (!window.crypto || !crypto.subtle) {
      button.disabled = true;
      return;
    }
    button.addEventListener('click', function () { generate(section); });
  });
})();
