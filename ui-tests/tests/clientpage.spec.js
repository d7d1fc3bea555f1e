// @ts-check
// The client page as people use it every day (issue 14): its sections as tabs, the next step after creating a client
// (a key), the one-step key generator (made in the browser, registered at once, private key downloaded and usable),
// copy buttons that put the right text on the clipboard, and the "Integrasjoner" list's search, filters, sorting and
// key status. In Norwegian bokmål, with axe on the way.
const crypto = require('node:crypto');
const fs = require('node:fs');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

const TESTBEDRIFT = { label: 'Testbedrift AS (310 028 142)' };
/** Demo data: Testbedrift has access to this scope, and has this Maskinporten client. */
const GRANTED = 'difitest:api3';
const DEMO_CLIENT = '0b6f2d9c-6f2a-4c55-9a57-2f0c2a6f3e01';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });

/** Creates a Maskinporten client with the granted scope through the form; the browser is then on its page. */
async function createClient(page, name) {
  await page.goto('/portal/clients/new');
  const form = page.getByRole('form', { name: 'Ny integrasjon' });
  await form.getByLabel('Navn', { exact: true }).fill(name);
  await form.getByLabel('Beskrivelse', { exact: true }).fill('Laget av klientsidetesten');
  await form.getByRole('checkbox', { name: GRANTED }).check();
  await form.getByRole('button', { name: 'Opprett integrasjon' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  return (await page.locator('#client-id').textContent())?.trim() ?? '';
}

/** @param {import('@playwright/test').Page} page */
async function clipboard(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** A JWT-bearer grant (token-protocol.md 4) signed with a private key in PEM. */
function grant(privatePem, kid, clientId, scope, issuer) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (/** @type {string} */ s) => Buffer.from(s).toString('base64url');
  const header = b64(JSON.stringify({ alg: 'RS256', kid }));
  const claims = b64(JSON.stringify({ aud: issuer, iss: clientId, scope, iat: now, exp: now + 120,
    jti: crypto.randomUUID() }));
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${claims}`), crypto.createPrivateKey(privatePem))
    .toString('base64url');
  return `${header}.${claims}.${signature}`;
}

test('a new client opens on its keys, and one click makes, registers and hands over a working key', async ({ page }) => {
  test.setTimeout(60_000);
  const main = page.getByRole('main');
  await login(page, 'Bob Utvikler');
  await actFor(page, TESTBEDRIFT.label);
  const clientId = await createClient(page, `ui-nokkel-${Date.now()}`);

  await test.step('the next step is obvious: the keys tab, asking for a key', async () => {
    await expect(page).toHaveURL(/\/portal\/clients\/keys\?client=[0-9a-f-]{36}$/);
    await expect(page.getByText('Integrasjonen er opprettet.')).toBeVisible();
    const tabs = page.getByRole('navigation', { name: 'Om integrasjonen' });
    await expect(tabs.getByRole('link', { name: 'Nøkler' })).toHaveAttribute('aria-current', 'page');
    await expect(main.getByRole('heading', { name: 'Legg til en nøkkel' })).toBeVisible();
    await expect(page.getByText('Nøkkelgeneratoren er ikke tilgjengelig her')).toBeHidden();
    await expectNoAxeViolations(page);
  });

  let kid = '';
  let file = '';
  await test.step('"Lag og registrer nøkkel": the key is in the list at once, the private key is offered', async () => {
    await main.getByRole('button', { name: 'Lag og registrer nøkkel' }).click();
    const key = main.getByRole('article', { name: /^kid / });
    await expect(key).toHaveCount(1);
    await expect(main.getByRole('heading', { name: 'Én nøkkel' })).toBeVisible();
    kid = ((await key.getByRole('heading').textContent()) ?? '').replace(/^kid\s*/, '').trim();
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole('status').filter({ hasText: `Nøkkelen ${kid} er lagt til.` })).toBeVisible();
    await expect(main.getByRole('heading', { name: 'Legg til en nøkkel' })).toHaveCount(0);
    const link = main.getByRole('link', { name: 'Last ned den private nøkkelen (PEM)' });
    await expect(link).toBeFocused();
    await expectNoAxeViolations(page);
  });

  await test.step('the download happens, and the curl example names the file it made', async () => {
    const downloading = page.waitForEvent('download');
    await main.getByRole('link', { name: 'Last ned den private nøkkelen (PEM)' }).click();
    const download = await downloading;
    file = download.suggestedFilename();
    expect(file).toMatch(/-private\.pem$/);
    const pem = fs.readFileSync(await download.path(), 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const curl = (await main.getByRole('region', { name: 'curl-eksempelet' }).textContent()) ?? '';
    expect(curl).toContain(`-sign '${file}'`);
    expect(curl).toContain(`"kid":"${kid}"`);
    expect(curl).not.toContain("'private.pem'");

    // the key pair is a real one: a grant signed with the downloaded key gets a token
    const issuer = (await (await page.request.get('/.well-known/oauth-authorization-server')).json()).issuer;
    const response = await page.request.post('/token', { form: {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: grant(pem, kid, clientId, GRANTED, issuer) } });
    expect(response.status()).toBe(200);
  });

  await test.step('the kid and the example are copied with their buttons', async () => {
    await main.getByRole('article', { name: `kid ${kid}` }).getByRole('button', { name: 'Kopier kid' }).click();
    await expect.poll(() => clipboard(page)).toBe(kid);
    await expect(page.getByRole('status').filter({ hasText: 'Kopiert' })).toHaveCount(1);
    await main.getByRole('button', { name: 'Kopier curl-eksempelet' }).click();
    await expect.poll(() => clipboard(page)).toContain(`-sign '${file}'`);
  });
});

test('copy buttons put the client_id, issuer, audience, token endpoint and examples on the clipboard', async ({ page, baseURL }) => {
  const main = page.getByRole('main');
  await login(page, 'Bob Utvikler');
  await actFor(page, TESTBEDRIFT.label);
  await page.goto(`/portal/clients/view?client=${DEMO_CLIENT}`);
  const tabs = page.getByRole('navigation', { name: 'Om integrasjonen' });
  await expect(tabs.getByRole('link', { name: 'Innstillinger' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('form', { name: 'Endre integrasjonen' })).toBeVisible();

  await test.step('client_id, with a polite "Kopiert"', async () => {
    await main.getByRole('button', { name: 'Kopier client_id' }).click();
    await expect.poll(() => clipboard(page)).toBe(DEMO_CLIENT);
    const said = page.locator('#copy-status');
    await expect(said).toHaveText('Kopiert');
    await expect(said).toHaveAttribute('aria-live', 'polite');
  });

  await test.step('the token help tab: issuer, audience, token endpoint and each example', async () => {
    await tabs.getByRole('link', { name: 'Hent token' }).click();
    await expect(page).toHaveURL(/section=help$/);
    await expect(tabs.getByRole('link', { name: 'Hent token' })).toHaveAttribute('aria-current', 'page');
    await expect(main.getByRole('heading', { name: 'Slik henter dere et token' })).toBeVisible();
    // the run's PORTAL_ISSUER is the address the page is served on: no warning
    await expect(main.getByText('Utstederen er en annen adresse')).toHaveCount(0);
    const issuer = `${baseURL}/`;
    await main.getByRole('button', { name: 'Kopier Utsteder (iss i tokenene)' }).click();
    await expect.poll(() => clipboard(page)).toBe(issuer);
    await main.getByRole('button', { name: 'Kopier Audience (aud i granten)' }).click();
    await expect.poll(() => clipboard(page)).toBe(issuer);
    await main.getByRole('button', { name: 'Kopier Token-endepunkt' }).click();
    await expect.poll(() => clipboard(page)).toBe(`${baseURL}/token`);
    await main.getByRole('button', { name: 'Kopier curl-eksempelet' }).click();
    await expect.poll(() => clipboard(page)).toContain(`"iss":"${DEMO_CLIENT}"`);
    await expect.poll(() => clipboard(page)).toContain(`curl -s ${baseURL}/token`);
    await main.getByRole('button', { name: 'Kopier Java-eksempelet' }).click();
    await expect.poll(() => clipboard(page)).toContain('new RSASSASigner(privateKey)');
    await main.getByRole('button', { name: 'Kopier Node.js-eksempelet' }).click();
    await expect.poll(() => clipboard(page)).toContain("importPKCS8(privateKeyPem, 'RS256')");
    await expectNoAxeViolations(page);
  });

  await test.step('the scopes tab', async () => {
    await tabs.getByRole('link', { name: 'Scopes' }).click();
    await expect(page).toHaveURL(/section=scopes$/);
    await expect(main.getByRole('heading', { name: 'Scopes', level: 2 })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test('without JavaScript the key page says why there is no generator and keeps the upload', async ({ browser }) => {
  // log in with scripts on, then open the key page with the same session and scripts off
  const scripted = await browser.newContext({ locale: 'nb-NO' });
  const withJs = await scripted.newPage();
  await login(withJs, 'Bob Utvikler');
  await actFor(withJs, TESTBEDRIFT.label);
  const state = await scripted.storageState();
  await scripted.close();
  const plain = await browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false, storageState: state });
  const noJs = await plain.newPage();
  await noJs.goto(`/portal/clients/keys?client=${DEMO_CLIENT}`);
  await expect(noJs.getByText('Nøkkelgeneratoren er ikke tilgjengelig her')).toBeVisible();
  await expect(noJs.getByRole('button', { name: 'Lag og registrer nøkkel' })).toBeHidden();
  await expect(noJs.getByRole('button', { name: /^Kopier/ })).toHaveCount(0);
  await expect(noJs.getByLabel('Lim inn offentlig nøkkel eller sertifikat')).toBeVisible();
  await plain.close();
});

test('"Integrasjoner" searches, filters and sorts, and shows each client\'s key status', async ({ page }) => {
  test.setTimeout(60_000);
  const stamp = Date.now();
  const main = page.getByRole('main');
  await login(page, 'Bob Utvikler');
  await actFor(page, TESTBEDRIFT.label);
  const withKey = `liste-b-${stamp}`;
  const withoutKey = `liste-a-${stamp}`;
  await createClient(page, withKey);
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  await page.getByLabel('Lim inn offentlig nøkkel eller sertifikat')
    .fill(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  await page.getByRole('button', { name: 'Legg til', exact: true }).click();
  await expect(main.getByRole('heading', { name: 'Én nøkkel' })).toBeVisible();
  await createClient(page, withoutKey);

  const table = main.getByRole('table', { name: 'Integrasjoner' });
  const names = async () => (await table.locator('tbody tr td:first-child a').allTextContents()).map((t) => t.trim());

  await test.step('search by name', async () => {
    await page.goto('/portal/clients');
    await main.getByRole('searchbox', { name: 'Søk i navn eller client_id' }).fill(String(stamp));
    await main.getByRole('button', { name: 'Vis', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
    await expect.poll(names).toEqual([withKey, withoutKey]);
    await expectNoAxeViolations(page);
  });

  await test.step('key status and nearest expiry per client', async () => {
    await expect(table.getByRole('row', { name: new RegExp(withKey) })).toContainText('Gyldige nøkler');
    await expect(table.getByRole('row', { name: new RegExp(withKey) })).toContainText('utløper');
    await expect(table.getByRole('row', { name: new RegExp(withoutKey) })).toContainText('Ingen nøkkel');
  });

  await test.step('sort by name, and by nearest key expiry', async () => {
    await main.getByRole('combobox', { name: 'Sorter etter' }).selectOption({ label: 'Navn' });
    await expect(page).toHaveURL(/sort=name/);
    await expect.poll(names).toEqual([withoutKey, withKey]);
    await main.getByRole('combobox', { name: 'Sorter etter' }).selectOption({ label: 'Nærmeste nøkkelutløp' });
    await expect(page).toHaveURL(/sort=expiry/);
    await expect.poll(names).toEqual([withKey, withoutKey]);
  });

  await test.step('filter by integration type and status; the address keeps the choice', async () => {
    await main.getByRole('combobox', { name: 'Integrasjonstype' }).selectOption('idporten');
    await expect(main.getByText('Ingen integrasjoner passer til søket.')).toBeVisible();
    await main.getByRole('combobox', { name: 'Integrasjonstype' }).selectOption('maskinporten');
    await expect.poll(names).toEqual([withKey, withoutKey]);
    await main.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Deaktiverte' });
    await expect(main.getByText('Ingen integrasjoner passer til søket.')).toBeVisible();
    await page.goto(`/portal/clients?q=${stamp}&sort=name&type=maskinporten&status=active`);
    await expect.poll(names).toEqual([withoutKey, withKey]);
    await expect(main.getByRole('combobox', { name: 'Sorter etter' })).toHaveValue('name');
  });
});
