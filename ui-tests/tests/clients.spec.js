// @ts-check
// The journey "a consumer creates a client, uploads a PEM certificate, sees the kid and expiry, adds a scope it was
// granted, and cannot add one it was not", in Norwegian bokmål, with an axe check on every page on the way. The
// enterprise certificate is made by the openssl CLI when the test runs; nothing secret is checked in.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

/** Demo data: Testbedrift AS has access to these two scopes, not to Skatteetaten's private one. */
const TESTBEDRIFT = { orgno: '310028142', label: 'Testbedrift AS (310 028 142)' };
const GRANTED = 'difitest:api3';
const NOT_GRANTED = 'skatteetaten:intern.read';

/** A self-signed SEID 2 style certificate for Testbedrift, as PEM; its key stays in a temporary directory. */
function enterpriseCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'),
    '-out', path.join(dir, 'cert.pem'), '-days', '30',
    '-subj', `/C=NO/O=Testbedrift AS/organizationIdentifier=NTRNO-${TESTBEDRIFT.orgno}/CN=Testbedrift AS`],
  { stdio: 'ignore' });
  const serial = execFileSync('openssl', ['x509', '-in', path.join(dir, 'cert.pem'), '-noout', '-serial'])
    .toString().trim().replace(/^serial=/, '');
  return { file: path.join(dir, 'cert.pem'), kid: BigInt(`0x${serial}`).toString(10) };
}

test('a consumer creates a client, uploads a certificate, and picks only scopes it was granted', async ({ page }) => {
  test.setTimeout(60_000);
  const name = `ui-klient-${Date.now()}`;
  const certificate = enterpriseCertificate();
  const main = page.getByRole('main');

  await test.step('log in; Bob acts for Testbedrift AS', async () => {
    await login(page, 'Bob Utvikler');
    await actFor(page, TESTBEDRIFT.label);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testbedrift AS');
  });

  await test.step('Integrasjoner: the list', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Integrasjoner' }).click();
    await expect(page).toHaveURL(/\/portal\/clients$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Integrasjoner');
    await expect(main.getByRole('link', { name: 'testbedrift-lonn' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('Ny integrasjon: only granted scopes are offered', async () => {
    await main.getByRole('link', { name: 'Ny integrasjon' }).click();
    await expect(page).toHaveURL(/\/portal\/clients\/new$/);
    const form = page.getByRole('form', { name: 'Ny integrasjon' });
    await expect(form.getByRole('checkbox', { name: GRANTED })).toBeVisible();
    await expect(form.getByRole('checkbox', { name: NOT_GRANTED })).toHaveCount(0);
    await expect(form.getByText(NOT_GRANTED)).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  await test.step('create the client with the granted scope: its page opens on the keys, asking for one', async () => {
    const form = page.getByRole('form', { name: 'Ny integrasjon' });
    await form.getByLabel('Navn', { exact: true }).fill(name);
    await form.getByLabel('Beskrivelse', { exact: true }).fill('Laget av nettlesertesten');
    await form.getByRole('checkbox', { name: GRANTED }).check();
    await form.getByRole('button', { name: 'Opprett integrasjon' }).click();

    await expect(page).toHaveURL(/\/portal\/clients\/keys\?client=[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByText('Integrasjonen er opprettet.')).toBeVisible();
    await expect(page.locator('#client-id')).toHaveText(/^[0-9a-f-]{36}$/);
    await expect(main.getByRole('heading', { name: 'Legg til en nøkkel' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('the token help and the scopes have their tabs', async () => {
    const tabs = page.getByRole('navigation', { name: 'Om integrasjonen' });
    await tabs.getByRole('link', { name: 'Hent token' }).click();
    await expect(page).toHaveURL(/\/portal\/clients\/view\?client=[0-9a-f-]{36}&section=help$/);
    await expect(main.getByRole('heading', { name: 'Slik henter dere et token' })).toBeVisible();
    await expectNoAxeViolations(page);
    await tabs.getByRole('link', { name: 'Scopes' }).click();
    await expect(main.getByRole('listitem').filter({ hasText: GRANTED })).toBeVisible();
  });

  await test.step('the edit form (Innstillinger) offers the granted scope, checked, and not the other', async () => {
    await page.getByRole('navigation', { name: 'Om integrasjonen' }).getByRole('link', { name: 'Innstillinger' }).click();
    const edit = page.getByRole('form', { name: 'Endre integrasjonen' });
    await expect(edit.getByRole('checkbox', { name: GRANTED })).toBeChecked();
    await expect(edit.getByRole('checkbox', { name: NOT_GRANTED })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  await test.step('upload the enterprise certificate: kid and expiry are shown', async () => {
    await page.getByRole('navigation', { name: 'Om integrasjonen' }).getByRole('link', { name: 'Nøkler' }).click();
    await expect(page).toHaveURL(/\/portal\/clients\/keys\?client=/);
    await expectNoAxeViolations(page);

    await page.getByLabel('Eller last opp en fil').setInputFiles(certificate.file);
    await page.getByRole('button', { name: 'Legg til', exact: true }).click();

    const key = main.getByRole('article', { name: `kid ${certificate.kid}` });
    await expect(key).toBeVisible();
    await expect(key.getByText('Utløper', { exact: true })).toBeVisible();
    // the certificate ends in 30 days, so the key does too, and the page says so
    await expect(key.getByText(/utløper om mindre enn 30 dager/)).toBeVisible();
    // the certificate's organisation number, named as everywhere (register/OrgNames)
    await expect(key.getByRole('definition').filter({ hasText: TESTBEDRIFT.label })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Nøkkelen ${certificate.kid} er lagt til.` }))
      .toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('a key pair made in the browser: its public key is registered at once, the private one offered', async () => {
    await page.getByRole('button', { name: 'Lag og registrer nøkkel' }).click();
    await expect(main.getByRole('heading', { name: '2 nøkler' })).toBeVisible();
    // the generator's answer takes the focus: the link to the private key, which is shown this once
    const download = page.getByRole('link', { name: 'Last ned den private nøkkelen (PEM)' });
    await expect(download).toBeFocused();
    await expect(page.getByLabel('Lim inn offentlig nøkkel eller sertifikat')).toHaveValue('');
    await expectNoAxeViolations(page);
  });
});
