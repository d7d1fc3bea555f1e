// @ts-check
// The whole loop: an API provider puts a consumer on a scope's access list, the consumer registers a client with a
// key, and the token endpoint issues a token for it; the provider removes the consumer, and the next token request
// is refused (MP-250). The consumer's key pair is made here with Node's crypto; only the public key goes to the
// portal, and the grant is signed here as a consumer's software would.
const crypto = require('node:crypto');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

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

/** POST /token as a consumer's software does it. */
async function requestToken(request, assertion) {
  return request.post('/token', { form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion } });
}

test('a provider grants access, the consumer gets a token; the provider removes it, the next request is refused',
  async ({ browser }) => {
    test.setTimeout(90_000);
    const scope = `nav:token.${Date.now()}`;
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const kid = crypto.createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
      .digest('base64url');

    const provider = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
    const consumer = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
    const providerMain = provider.getByRole('main');
    const consumerMain = consumer.getByRole('main');
    let clientId = '';
    let issuer = '';

    await test.step('the provider (Alice, NAV) creates a scope and sees how to validate its tokens', async () => {
      await login(provider, 'Alice Admin');
      await actFor(provider, 'Arbeids- og velferdsetaten (889 640 782)');
      await provider.goto('/portal/scopes/new');
      const form = provider.getByRole('form', { name: 'Nytt scope' });
      await form.getByRole('combobox', { name: 'Prefiks' }).selectOption('nav');
      await form.getByLabel('Delscope', { exact: true }).fill(scope.substring(4));
      await form.getByLabel('Beskrivelse', { exact: true }).fill('Scope for tokentesten');
      await form.getByRole('button', { name: 'Opprett scope' }).click();
      await expect(provider.getByRole('heading', { level: 1 })).toHaveText(scope);
      await expect(providerMain.getByRole('heading', { name: 'Slik validerer API-et ditt tokenene' })).toBeVisible();
      await expect(providerMain.getByText(`hasAuthority('SCOPE_${scope}')`)).toBeVisible();
      await expectNoAxeViolations(provider);
    });

    await test.step('the provider puts Testbedrift on the access list', async () => {
      await provider.getByRole('navigation', { name: 'Om scopet' }).getByRole('link', { name: 'Tilgangsliste' })
        .click();
      const form = provider.getByRole('form', { name: 'Legg til tilgang' });
      await form.getByLabel('Organisasjonsnummer', { exact: true }).fill(TESTBEDRIFT.orgno);
      await form.getByRole('button', { name: 'Legg til', exact: true }).click();
      await expect(provider.getByRole('status')).toHaveText(`310 028 142 Testbedrift AS har fått tilgang til ${scope}.`);
    });

    await test.step('the consumer (Bob, Testbedrift) registers a client with the scope', async () => {
      await login(consumer, 'Bob Utvikler');
      await actFor(consumer, TESTBEDRIFT.label);
      await consumer.goto('/portal/clients/new');
      const form = consumer.getByRole('form', { name: 'Ny integrasjon' });
      await form.getByLabel('Navn', { exact: true }).fill(`tokentest-${Date.now()}`);
      await form.getByLabel('Beskrivelse', { exact: true }).fill('Henter token i nettlesertesten');
      await form.getByRole('checkbox', { name: scope }).check();
      await form.getByRole('button', { name: 'Opprett integrasjon' }).click();
      await expect(consumer.locator('#client-id')).toHaveText(/^[0-9a-f-]{36}$/);
      clientId = (await consumer.locator('#client-id').textContent())?.trim() ?? '';
    });

    await test.step('the consumer registers its public key; the kid is the key\'s thumbprint', async () => {
      // a new client's page opens on its keys
      await expect(consumer.getByRole('navigation', { name: 'Om integrasjonen' }).getByRole('link', { name: 'Nøkler' }))
        .toHaveAttribute('aria-current', 'page');
      await consumer.getByLabel('Lim inn offentlig nøkkel eller sertifikat')
        .fill(publicKey.export({ type: 'spki', format: 'pem' }).toString());
      await consumer.getByRole('button', { name: 'Legg til', exact: true }).click();
      await expect(consumerMain.getByRole('article', { name: `kid ${kid}` })).toBeVisible();
      await expectNoAxeViolations(consumer);
    });

    await test.step('the token request succeeds and the token names Testbedrift', async () => {
      issuer = (await (await consumer.request.get('/.well-known/oauth-authorization-server')).json()).issuer;
      const response = await requestToken(consumer.request, grant(privateKey, kid, clientId, scope, issuer));
      expect(response.status()).toBe(200);
      const body = await response.json();
      expect(body.scope).toBe(scope);
      const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString());
      expect(claims.consumer.ID).toBe(`0192:${TESTBEDRIFT.orgno}`);
    });

    await test.step('the provider removes Testbedrift: the next token request is refused', async () => {
      await providerMain.getByRole('table', { name: 'Organisasjoner med tilgang' })
        .getByRole('button', { name: `Fjern ${TESTBEDRIFT.orgno}`, exact: true }).click();
      await provider.getByRole('dialog', { name: 'Er du sikker?' }).getByRole('button', { name: 'Fjern tilgangen' })
        .click();
      await expect(provider.getByRole('status'))
        .toContainText(`310 028 142 Testbedrift AS har ikke lenger tilgang til ${scope}.`);
      await expect.poll(async () => {
        const response = await requestToken(consumer.request, grant(privateKey, kid, clientId, scope, issuer));
        return `${response.status()} ${(await response.json()).error_uri}`;
      }, { timeout: 1_000 }).toMatch(/^403 .*\/errors\/MP-250$/);
    });
  });
