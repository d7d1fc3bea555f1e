// @ts-check
// Access requests (issue 16): a provider lets a scope take requests; a consumer finds it in the catalogue, opens its
// page and asks; the provider sees the count in the menu and approves; the consumer's integration can now take the
// scope and gets a token for it; both organisations' e-mails reached the SMTP server (the demo's embedded one, read on
// the platform administrator's mailbox page).
const crypto = require('node:crypto');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

const NAV = 'Arbeids- og velferdsetaten (889 640 782)';
const TESTBEDRIFT = { orgno: '310028142', label: 'Testbedrift AS (310 028 142)' };

function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

/** A JWT-bearer grant (token-protocol.md 4) signed with the client's private key. */
function grant(privateKey, kid, clientId, scope, issuer) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', kid }));
  const claims = b64url(JSON.stringify({ aud: issuer, iss: clientId, scope, iat: now, exp: now + 120,
    jti: crypto.randomUUID() }));
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${claims}`), privateKey).toString('base64url');
  return `${header}.${claims}.${signature}`;
}

test('a consumer asks for access from the catalogue, the provider approves, the consumer gets a token',
  async ({ browser }) => {
    test.setTimeout(120_000);
    const scope = `nav:request.${Date.now()}`;
    const provider = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
    const consumer = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
    const providerMain = provider.getByRole('main');
    const consumerMain = consumer.getByRole('main');

    await test.step('the provider (Alice, NAV) makes a scope that takes access requests', async () => {
      await login(provider, 'Alice Admin');
      await actFor(provider, NAV);
      await provider.goto('/portal/scopes/new');
      const form = provider.getByRole('form', { name: 'Nytt scope' });
      await form.getByRole('combobox', { name: 'Prefiks' }).selectOption('nav');
      await form.getByLabel('Delscope', { exact: true }).fill(scope.substring(4));
      await form.getByLabel('Beskrivelse', { exact: true }).fill('Scope for forespørselstesten');
      await form.getByRole('button', { name: 'Opprett scope' }).click();
      await expect(provider.getByRole('heading', { level: 1 })).toHaveText(scope);
      await providerMain.getByRole('link', { name: 'Endre scopet' }).click();
      await providerMain.getByRole('checkbox', { name: 'Ta imot forespørsler om tilgang fra katalogen' }).check();
      await providerMain.getByRole('button', { name: 'Lagre endringer' }).click();
      await expect(provider.getByRole('status')).toContainText('Endringene er lagret.');
    });

    await test.step('the consumer (Bob, Testbedrift) finds the scope in the catalogue and asks', async () => {
      await login(consumer, 'Bob Utvikler');
      await actFor(consumer, TESTBEDRIFT.label);
      await consumer.goto('/portal/catalogue');
      await consumer.getByRole('searchbox', { name: 'Søk på navn eller beskrivelse' }).fill(scope);
      await consumerMain.getByRole('link', { name: scope }).click();
      await expect(consumer.getByRole('heading', { level: 1 })).toHaveText(scope);
      await expect(consumerMain.getByText('Dere har ikke tilgang til dette scopet.')).toBeVisible();
      await expectNoAxeViolations(consumer);
      const form = consumer.getByRole('form', { name: 'Be om tilgang' });
      await form.getByLabel('Formål').fill('Saksbehandling i Testbedrift');
      await form.getByLabel('Kontakt-e-post').fill('drift@testbedrift.example');
      await form.getByRole('button', { name: 'Be om tilgang' }).click();
      await expect(consumer.getByRole('status')).toContainText(`Forespørselen om tilgang til ${scope} er sendt.`);
      await expect(consumerMain.getByText('Forespørselen venter på eieren.', { exact: false })).toBeVisible();
    });

    await test.step('the provider sees the count in the menu and approves', async () => {
      await provider.goto('/portal');
      const link = provider.getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: /^Tilgangsforespørsler/ });
      await expect(link).toContainText(/ventende forespørs/);
      await link.click();
      await expectNoAxeViolations(provider);
      await providerMain.getByRole('button', { name: `Godkjenn ${scope} ${TESTBEDRIFT.orgno}`, exact: true }).click();
      await expect(provider.getByRole('status')).toContainText(`har fått tilgang til ${scope}.`);
    });

    await test.step('the consumer sees its access, and its new integration takes the scope and gets a token', async () => {
      await consumer.reload();
      await expect(consumerMain.getByText('Dere har tilgang til dette scopet.')).toBeVisible();
      await consumer.goto('/portal/clients/new');
      const form = consumer.getByRole('form', { name: 'Ny integrasjon' });
      await form.getByLabel('Navn', { exact: true }).fill(`forespørsel-${Date.now()}`);
      await form.getByLabel('Beskrivelse', { exact: true }).fill('Henter token etter godkjent forespørsel');
      await form.getByRole('checkbox', { name: scope }).check();
      await form.getByRole('button', { name: 'Opprett integrasjon' }).click();
      await expect(consumer.locator('#client-id')).toHaveText(/^[0-9a-f-]{36}$/);
      const clientId = (await consumer.locator('#client-id').textContent())?.trim() ?? '';

      const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const jwk = publicKey.export({ format: 'jwk' });
      const kid = crypto.createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
        .digest('base64url');
      await consumer.getByLabel('Lim inn offentlig nøkkel eller sertifikat')
        .fill(publicKey.export({ type: 'spki', format: 'pem' }).toString());
      await consumer.getByRole('button', { name: 'Legg til', exact: true }).click();
      await expect(consumerMain.getByRole('article', { name: `kid ${kid}` })).toBeVisible();

      const issuer = (await (await consumer.request.get('/.well-known/oauth-authorization-server')).json()).issuer;
      const response = await consumer.request.post('/token', { form: {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: grant(privateKey, kid, clientId, scope, issuer) } });
      expect(response.status()).toBe(200);
      expect((await response.json()).scope).toBe(scope);
    });

    await test.step('both e-mails reached the SMTP server: the request to NAV, the decision to Testbedrift', async () => {
      const mails = providerMain.getByRole('article');
      const requested = mails.filter({ has: provider.getByRole('heading', { name: `Ny søknad om tilgang til ${scope}` }) });
      const decided = mails.filter({ has: provider.getByRole('heading',
        { name: `Søknaden om tilgang til ${scope} er behandlet` }) });
      await expect(async () => {
        await provider.goto('/portal/notices/mailbox');
        await expect(requested).toHaveCount(1, { timeout: 500 });
        await expect(decided).toHaveCount(1, { timeout: 500 });
      }).toPass({ timeout: 30_000 });
      await expect(requested).toContainText('tilgang@889640782.example.no');
      await expect(decided).toContainText('tilgang@310028142.example.no');
    });
  });
