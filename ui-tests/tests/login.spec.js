// @ts-check
// The journey "log in, switch organisation, see the dashboard", in Norwegian bokmål (the default language),
// with an axe check on every page the browser visits.
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login } = require('../support/login');
const { freshOrgno, isValidOrgno } = require('../support/orgno');

const ORGANISATIONS_OF_ALICE = [
  'Arbeids- og velferdsetaten (889 640 782)',
  'Digitaliseringsdirektoratet (991 825 827)',
  'Skatteetaten (974 761 076)',
];

test('log in, switch organisation, see the dashboard', async ({ page, browser }) => {
  await test.step('the demo login page, then the dashboard of the first organisation', async () => {
    await login(page, 'Alice Admin');

    const banner = page.getByRole('banner');
    await expect(banner).toBeVisible();
    const menu = banner.getByRole('navigation', { name: 'Hovedmeny' });
    await expect(menu.getByRole('link', { name: 'Oversikt', exact: true })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Organisasjoner og roller', exact: true })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Hvem er jeg?', exact: true })).toBeVisible();

    const switcher = page.getByRole('combobox', { name: 'Handler på vegne av' });
    await expect(switcher.locator('option')).toHaveText(ORGANISATIONS_OF_ALICE);
    await expect(switcher.locator('option:checked')).toHaveText(ORGANISATIONS_OF_ALICE[0]);
    await expect(page.getByRole('button', { name: 'Bytt organisasjon' })).toBeVisible();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arbeids- og velferdsetaten');
    await expectNoAxeViolations(page);
  });

  await test.step('switch to Digitaliseringsdirektoratet', async () => {
    await page.getByRole('combobox', { name: 'Handler på vegne av' })
      .selectOption({ label: 'Digitaliseringsdirektoratet (991 825 827)' });
    await page.getByRole('button', { name: 'Bytt organisasjon' }).click();

    await expect(page).toHaveURL(/\/portal\/?$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digitaliseringsdirektoratet');
    await expect(page.getByRole('status')).toHaveText('Du handler nå for Digitaliseringsdirektoratet (991 825 827).');
    await expect(page.getByRole('combobox', { name: 'Handler på vegne av' }).locator('option:checked'))
      .toHaveText('Digitaliseringsdirektoratet (991 825 827)');
    await expectNoAxeViolations(page);
  });

  await test.step('Hvem er jeg?', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Hvem er jeg?' }).click();

    await expect(page).toHaveURL(/\/portal\/me$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hvem er jeg?');
    await expect(page.getByRole('main')).toContainText('alice');
    await expectNoAxeViolations(page);
  });

  await test.step('Organisasjoner og roller', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Organisasjoner og roller' }).click();

    await expect(page).toHaveURL(/\/portal\/orgs$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisasjoner og roller');
    const table = page.getByRole('main').getByRole('table');
    for (const name of ['Arbeids- og velferdsetaten', 'Digitaliseringsdirektoratet', 'Skatteetaten']) {
      await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
    }
    const form = page.getByRole('form', { name: 'Registrer organisasjon' });
    await expect(form.getByLabel('Organisasjonsnummer', { exact: true })).toBeVisible();
    await expect(form.getByLabel('Navn', { exact: true })).toBeVisible();
    await expect(form.getByRole('button', { name: 'Registrer', exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  const saved = await page.context().cookies();
  await test.step('log out: the portal asks for a login again', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Logg ut' }).click();

    await expect(page).toHaveURL(/\/dev-login\/authorize\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Demo-innlogging' })).toBeVisible();
  });

  await test.step('the cookies saved before logging out no longer open the portal', async () => {
    expect(saved.map((c) => c.name)).toContain('q_session');
    const replay = await browser.newContext();
    await replay.addCookies(saved);
    const thief = await replay.newPage();
    await thief.goto('/portal');
    await expect(thief).toHaveURL(/\/dev-login\/authorize\?/);
    await replay.close();
  });
});

test('register an organisation: a wrong check digit is refused, a valid number is registered', async ({ page }) => {
  await login(page, 'Alice Admin');
  await page.getByRole('navigation', { name: 'Hovedmeny' })
    .getByRole('link', { name: 'Organisasjoner og roller' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisasjoner og roller');

  const form = page.getByRole('form', { name: 'Registrer organisasjon' });
  const orgno = form.getByLabel('Organisasjonsnummer', { exact: true });
  const name = form.getByLabel('Navn', { exact: true });
  const submit = form.getByRole('button', { name: 'Registrer', exact: true });

  await test.step('123456789 has the wrong check digit', async () => {
    await orgno.fill('123456789');
    await name.fill('Feil Kontrollsiffer AS');
    await submit.click();

    const message = 'Organisasjonsnummeret har feil kontrollsiffer: det siste av de ni sifrene passer ikke med de '
      + 'åtte første. Sjekk at nummeret er skrevet av riktig.';
    await expect(form.getByText(message)).toBeVisible();
    await expect(orgno).toHaveAttribute('aria-invalid', 'true');
    await expect(orgno).toHaveAccessibleDescription(new RegExp(message.replace(/[.?]/g, '\\$&')));
    await expect(orgno).toHaveValue('123456789');
    await expect(page).toHaveURL(/\/portal\/orgs$/);
    await expectNoAxeViolations(page);
  });

  await test.step('a valid new number is registered and its page shown', async () => {
    const fresh = freshOrgno();
    expect(isValidOrgno(fresh)).toBe(true);
    const orgName = `UI-test ${fresh} AS`;
    await orgno.fill(fresh);
    await name.fill(orgName);
    await submit.click();

    await expect(page).toHaveURL(new RegExp(`/portal/orgs/${fresh}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(orgName);
    await expect(page.getByRole('status')).toContainText(`${fresh.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3')} ${orgName} er registrert.`);
    await expectNoAxeViolations(page);
  });
});
