// @ts-check
// Destructive actions ask first and say what they did (issue 14): removing an organisation from an access list opens a
// dialog naming the organisation and the scope; cancelling keeps it, confirming removes it, and the message's "Angre"
// puts it back. Every change's message names what changed, and the status region never keeps an earlier change's
// message above a later error. Without JavaScript the same question comes as a page. In bokmål, and once in English.
const crypto = require('node:crypto');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

/** The demo scope of NAV (Alice), and organisations of the demo data with the names the portal shows for them. */
const NAV_SCOPE = 'nav:arbeid/test/scope';
const ACCESS_PAGE = `/portal/scopes/access?scope=${encodeURIComponent(NAV_SCOPE)}`;
const SKATTEETATEN = { orgno: '974761076', shown: '974 761 076 Skatteetaten' };
const TESTBEDRIFT = { orgno: '310028142', shown: '310 028 142 Testbedrift AS', label: 'Testbedrift AS (310 028 142)' };
const LEVERANDOR = { orgno: '311654306', label: 'Leverandør AS (311 654 306)' };
/** Testbedrift's demo client (Bob). */
const DEMO_CLIENT = '0b6f2d9c-6f2a-4c55-9a57-2f0c2a6f3e01';
/** Alice acts for NAV here: the portal remembers the organisation she last chose, which another spec may have changed. */
const NAV = 'Arbeids- og velferdsetaten (889 640 782)';

/** @param {import('@playwright/test').Page} page */
function accessTable(page) {
  return page.getByRole('main').getByRole('table', { name: 'Organisasjoner med tilgang' });
}

test('removing an organisation from an access list asks first, names it, and can be undone', async ({ page }) => {
  test.setTimeout(60_000);
  const dialog = page.getByRole('dialog', { name: 'Er du sikker?' });
  const status = page.locator('#alerts');
  await login(page, 'Alice Admin');
  await actFor(page, NAV);
  await page.goto(ACCESS_PAGE);

  await test.step('granting says who got access to what', async () => {
    const form = page.getByRole('form', { name: 'Legg til tilgang' });
    await form.getByLabel('Organisasjonsnummer', { exact: true }).fill(SKATTEETATEN.orgno);
    await form.getByRole('button', { name: 'Legg til', exact: true }).click();
    await expect(status).toHaveText(`${SKATTEETATEN.shown} har fått tilgang til ${NAV_SCOPE}.`);
  });

  await test.step('an error afterwards leaves no success message above it', async () => {
    const form = page.getByRole('form', { name: 'Legg til tilgang' });
    await form.getByLabel('Organisasjonsnummer', { exact: true }).fill('974761077');
    await form.getByRole('button', { name: 'Legg til', exact: true }).click();
    await expect(form.getByLabel('Organisasjonsnummer', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(status).toHaveText('');
  });

  await test.step('"Fjern" asks first, naming the organisation and the scope; "Avbryt" keeps it', async () => {
    const remove = accessTable(page).getByRole('button', { name: `Fjern ${SKATTEETATEN.orgno}`, exact: true });
    await remove.click();
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(
      `Fjerne ${SKATTEETATEN.shown} fra tilgangslisten til ${NAV_SCOPE}? Organisasjonen mister tilgangen til scopet.`);
    // the safe answer has the focus
    await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();

    await expect(dialog).toBeHidden();
    await expect(remove).toBeFocused();
    await page.reload();
    await expect(accessTable(page).getByRole('row').filter({ hasText: SKATTEETATEN.orgno })).toHaveCount(1);
  });

  await test.step('Escape also keeps it', async () => {
    await accessTable(page).getByRole('button', { name: `Fjern ${SKATTEETATEN.orgno}`, exact: true }).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(accessTable(page).getByRole('row').filter({ hasText: SKATTEETATEN.orgno })).toHaveCount(1);
  });

  await test.step('confirming removes it and says so, with "Angre"', async () => {
    await accessTable(page).getByRole('button', { name: `Fjern ${SKATTEETATEN.orgno}`, exact: true }).click();
    await dialog.getByRole('button', { name: 'Fjern tilgangen' }).click();

    await expect(accessTable(page).getByRole('row').filter({ hasText: SKATTEETATEN.orgno })).toHaveCount(0);
    await expect(status).toContainText(`${SKATTEETATEN.shown} har ikke lenger tilgang til ${NAV_SCOPE}.`);
    await expect(status.getByRole('button', { name: 'Angre' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('"Angre" puts it back as it was', async () => {
    await status.getByRole('button', { name: 'Angre' }).click();

    await expect(status).toHaveText(`${SKATTEETATEN.shown} har fått tilgangen til ${NAV_SCOPE} tilbake.`);
    await expect(accessTable(page).getByRole('row').filter({ hasText: SKATTEETATEN.orgno })).toHaveCount(1);
    await page.reload();
    await expect(accessTable(page).getByRole('row').filter({ hasText: SKATTEETATEN.orgno })).toHaveCount(1);
  });

  await test.step('the list is left as it was found', async () => {
    await accessTable(page).getByRole('button', { name: `Fjern ${SKATTEETATEN.orgno}`, exact: true }).click();
    await dialog.getByRole('button', { name: 'Fjern tilgangen' }).click();
    await expect(accessTable(page).getByRole('row').filter({ hasText: SKATTEETATEN.orgno })).toHaveCount(0);
  });
});

test('a key is named when it is added and deleted, and a refused key leaves no success message', async ({ page }) => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `confirm-${Date.now()}`;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const status = page.locator('#alerts');
  const paste = page.getByLabel('Lim inn offentlig nøkkel eller sertifikat');
  await login(page, 'Bob Utvikler');
  await actFor(page, TESTBEDRIFT.label);
  await page.goto(`/portal/clients/keys?client=${DEMO_CLIENT}`);

  await paste.fill(JSON.stringify(jwk));
  await page.getByRole('button', { name: 'Legg til', exact: true }).click();
  await expect(status).toHaveText(`Nøkkelen ${kid} er lagt til.`);

  await paste.fill(String(privateKey.export({ type: 'pkcs8', format: 'pem' })));
  await page.getByRole('button', { name: 'Legg til', exact: true }).click();
  await expect(paste).toHaveAttribute('aria-invalid', 'true');
  await expect(status).toHaveText('');

  await page.getByRole('button', { name: `Fjern nøkkelen ${kid}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Er du sikker?' });
  await expect(dialog).toContainText(`Slette nøkkelen ${kid}?`);
  await dialog.getByRole('button', { name: 'Slett nøkkelen' }).click();
  await expect(status).toHaveText(`Nøkkelen ${kid} er slettet.`);
  await expect(page.getByRole('main').getByRole('article', { name: `kid ${kid}` })).toHaveCount(0);
});

test('granting and removing a role say which role and whose', async ({ page }) => {
  const subject = `confirm-${Date.now()}`;
  const role = 'Integrasjonsadministrasjon (klienter og nøkler)';
  const status = page.locator('#alerts');
  await login(page, 'Bob Utvikler');
  await actFor(page, LEVERANDOR.label);
  await page.goto(`/portal/orgs/${LEVERANDOR.orgno}`);

  const form = page.getByRole('form', { name: 'Gi en rolle' });
  await form.getByLabel('Innloggingsnavn', { exact: true }).fill(subject);
  await form.getByLabel('Rolle', { exact: true }).selectOption({ label: role });
  await form.getByRole('button', { name: 'Gi rolle' }).click();
  await expect(status).toHaveText(`${subject} (${subject}) har fått rollen ${role}.`);

  await page.getByRole('button', { name: `Fjern ${role} ${subject}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Er du sikker?' });
  await expect(dialog).toContainText(`Fjerne rollen ${role} fra ${subject} (${subject})?`);
  await dialog.getByRole('button', { name: 'Fjern rollen' }).click();
  await expect(status).toHaveText(`${subject} (${subject}) har ikke lenger rollen ${role}.`);
  await expect(page.getByRole('main').getByRole('row').filter({ hasText: subject })).toHaveCount(0);
});

test('in English the question names the organisation too', async ({ page }) => {
  await login(page, 'Alice Admin');
  await actFor(page, NAV);
  await page.goto('/portal/lang/en');
  await page.goto(ACCESS_PAGE);
  await page.getByRole('main').getByRole('button', { name: `Remove ${TESTBEDRIFT.orgno}`, exact: true }).click();

  const dialog = page.getByRole('dialog', { name: 'Are you sure?' });
  await expect(dialog).toContainText(`Remove ${TESTBEDRIFT.shown} from the access list of ${NAV_SCOPE}?`);
  await expect(dialog.getByRole('button', { name: 'Remove access' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('main').getByRole('row').filter({ hasText: TESTBEDRIFT.orgno })).toHaveCount(1);
});

test('without JavaScript the removal asks on a page of its own, and "Avbryt" keeps it', async ({ browser }) => {
  // logged in with JavaScript (the demo login is a page like any other), then the same session without it
  const withJs = await browser.newContext({ locale: 'nb-NO' });
  const first = await withJs.newPage();
  await login(first, 'Alice Admin');
  await actFor(first, NAV);
  const context = await browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false,
    storageState: await withJs.storageState() });
  await withJs.close();
  const page = await context.newPage();
  await page.goto(ACCESS_PAGE);
  await page.getByRole('main').getByRole('button', { name: `Fjern ${TESTBEDRIFT.orgno}`, exact: true }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Er du sikker?');
  await expect(page.getByRole('main'))
    .toContainText(`Fjerne ${TESTBEDRIFT.shown} fra tilgangslisten til ${NAV_SCOPE}?`);
  await expect(page.getByRole('button', { name: 'Fjern tilgangen' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Avbryt' }).click();

  await expect(page).toHaveURL(/\/portal\/scopes\/access\?scope=/);
  await expect(page.getByRole('main').getByRole('row').filter({ hasText: TESTBEDRIFT.orgno })).toHaveCount(1);
  await context.close();
});

test('the confirmation page of the step without JavaScript passes axe', async ({ page }) => {
  // axe needs JavaScript: the form is sent as a browser without it would send it, with its ask field and no htmx
  await login(page, 'Alice Admin');
  await actFor(page, NAV);
  await page.goto(ACCESS_PAGE);
  await page.getByRole('main').getByRole('button', { name: `Fjern ${TESTBEDRIFT.orgno}`, exact: true })
    .evaluate((button) => HTMLFormElement.prototype.submit.call(/** @type {HTMLButtonElement} */ (button).form));

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Er du sikker?');
  await expect(page.getByRole('main'))
    .toContainText(`Fjerne ${TESTBEDRIFT.shown} fra tilgangslisten til ${NAV_SCOPE}?`);
  await expectNoAxeViolations(page);
});
