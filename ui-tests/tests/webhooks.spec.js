// @ts-check
// Webhooks (issue 17): an administrator registers an endpoint (a tiny receiver started here on 127.0.0.1, which the
// run allows with PORTAL_WEBHOOKS_ALLOWED_PRIVATE_HOSTS), sees its secret once, sends a test event, and finds it in
// the endpoint's delivery log once the portal's sender has delivered it, signed with that secret.
const crypto = require('node:crypto');
const http = require('node:http');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

const DIGDIR = 'Digitaliseringsdirektoratet (991 825 827)';

/** A receiver that answers 200 and keeps what it got. */
async function receiver() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('takk');
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, received, url: `http://127.0.0.1:${port}/hooks/${Date.now()}` };
}

/** Standard Webhooks: v1, + base64 HMAC-SHA256 of id.timestamp.body with the key that follows whsec_. */
function signature(secret, id, timestamp, body) {
  const key = Buffer.from(secret.substring('whsec_'.length), 'base64');
  return 'v1,' + crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

test('an administrator registers an endpoint, sees the secret once and follows a test event into the log',
  async ({ page }) => {
    test.setTimeout(90_000);
    const hook = await receiver();
    const main = page.getByRole('main');
    try {
      await login(page, 'Alice Admin');
      await actFor(page, DIGDIR);

      let secret = '';
      await test.step('register the endpoint and copy the secret', async () => {
        await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Webhooker' }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhooker');
        await expectNoAxeViolations(page);
        await main.getByRole('link', { name: 'Nytt endepunkt' }).click();
        await main.getByRole('textbox', { name: 'URL' }).fill(hook.url);
        await main.getByRole('textbox', { name: 'Beskrivelse (valgfri)' }).fill('Playwright');
        const types = main.getByRole('group', { name: 'Hendelsestyper' });
        await types.getByRole('checkbox', { name: /^Scope opprettet/ }).check();
        await expectNoAxeViolations(page);
        await main.getByRole('button', { name: 'Opprett endepunkt' }).click();
        await expect(page.getByRole('alert')).toContainText('Kopier hemmeligheten nå');
        secret = await page.getByRole('textbox', { name: 'Hemmelighet' }).inputValue();
        expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
        await expectNoAxeViolations(page);
      });

      await test.step('the secret is not shown again', async () => {
        // the secret page answers the form's POST: go to the endpoint's own page from the list
        await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Webhooker' }).click();
        await main.getByRole('link', { name: hook.url }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhook-endepunkt');
        await expect(page.getByRole('textbox', { name: 'Hemmelighet' })).toHaveCount(0);
        expect(await page.content()).not.toContain(secret);
      });

      await test.step('send a test event: the receiver gets it signed, the log shows the attempt', async () => {
        await main.getByRole('button', { name: 'Send en testhendelse' }).click();
        await expect(page.getByRole('status')).toContainText('Testhendelsen er lagt i kø');
        await expect.poll(() => hook.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
        const got = hook.received[0];
        expect(JSON.parse(got.body).type).toBe('webhook.test');
        const expected = signature(secret, got.headers['webhook-id'], got.headers['webhook-timestamp'], got.body);
        expect(String(got.headers['webhook-signature']).split(' ')).toContain(expected);
        await expect(async () => {
          await main.getByRole('link', { name: 'Oppdater loggen' }).click();
          await expect(main.getByRole('region', { name: 'Siste forsøk' })).toContainText(got.headers['webhook-id']);
        }).toPass({ timeout: 20_000 });
        const attempts = main.getByRole('region', { name: 'Siste forsøk' });
        await expect(attempts).toContainText('200');
        // 127.0.0.1 is private, allowed only through the allow-list: its answer's body is not kept
        await expect(attempts).toContainText('(answer from a private address not stored)');
        await expect(attempts).not.toContainText('takk');
        await expect(main.getByRole('region', { name: /^Leveranser/ })).toContainText('levert');
        await expectNoAxeViolations(page);
      });
    } finally {
      hook.server.close();
    }
  });
