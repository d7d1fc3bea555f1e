// @ts-check
// The frame around the pages (issue 14): error pages keep the menu, the menu counts the requests waiting for a
// decision, the organisation a person last chose is where their next login lands, and a switch says which
// organisation now acts.
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login } = require('../support/login');

const TESTBEDRIFT = 'Testbedrift AS (310 028 142)';
const LEVERANDOR = 'Leverandør AS (311 654 306)';

/** @param {import('@playwright/test').Page} page */
const menu = (page) => page.getByRole('navigation', { name: 'Hovedmeny' });

/** Switches to `label` in the header. @param {import('@playwright/test').Page} page @param {string} label */
async function switchTo(page, label) {
  await page.getByRole('combobox', { name: 'Handler på vegne av' }).selectOption({ label });
  await page.getByRole('button', { name: 'Bytt organisasjon' }).click();
  await expect(page.getByRole('combobox', { name: 'Handler på vegne av' }).locator('option:checked')).toHaveText(label);
}

/** The number the menu's badge says waits for a decision; 0 when there is no badge. @param {import('@playwright/test').Page} page */
async function waiting(page) {
  const link = menu(page).getByRole('link', { name: /^Forespørsler om prefiks/ });
  if (await link.count() === 0) return 0;
  const name = (await link.textContent())?.replace(/\s+/g, ' ') ?? '';
  const count = /\((\d+) ventende forespørsel(?:er)?\)/.exec(name);
  return count ? Number(count[1]) : 0;
}

test('a page that does not exist keeps the menu, the switcher and the language switch, in both languages',
  async ({ page, browser }) => {
    await login(page, 'Bob Utvikler');

    const response = await page.goto('/portal/finnes-ikke');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feil 404');
    await expect(menu(page).getByRole('link', { name: 'Oversikt' })).toBeVisible();
    await expect(menu(page).getByRole('link', { name: 'Integrasjoner' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Handler på vegne av' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Logg ut' })).toBeVisible();
    await expect(page.getByRole('status')).toBeEmpty();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Error 404');
    await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Clients' }))
      .toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Acting for' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Norsk' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feil 404');

    await test.step('a page Bob may not see (403) keeps the menu too, without internal detail', async () => {
      const refused = await page.goto('/portal/prefixes/requests');
      expect(refused?.status()).toBe(403);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feil 403');
      await expect(menu(page).getByRole('link', { name: 'Oversikt' })).toBeVisible();
      await expect(page.getByRole('main')).not.toContainText(/Exception|no\.samarbeidsportal/);
    });

    await test.step('signed out: the public header', async () => {
      const context = await browser.newContext({ locale: 'nb-NO' });
      const visitor = await context.newPage();
      const missing = await visitor.goto('/portal/finnes-ikke');
      expect(missing?.status()).toBe(404);
      await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Feil 404');
      await expect(menu(visitor).getByRole('link', { name: 'API-katalog' })).toBeVisible();
      await expect(visitor.getByRole('link', { name: 'Logg inn' })).toBeVisible();
      await expect(visitor.getByRole('combobox', { name: 'Handler på vegne av' })).toHaveCount(0);
      await expectNoAxeViolations(visitor);
      await context.close();
    });
  });

test('the menu counts prefix requests for the platform administrator until they are decided', async ({ page, browser }) => {
  const prefix = `chrome-${Date.now()}`;

  await test.step('Bob (Testbedrift) asks for a prefix; he cannot decide requests, so he has no badge', async () => {
    await login(page, 'Bob Utvikler');
    const current = await page.getByRole('combobox', { name: 'Handler på vegne av' }).locator('option:checked')
      .textContent();
    if (current?.trim() !== TESTBEDRIFT) await switchTo(page, TESTBEDRIFT);
    await page.goto('/portal/prefixes');
    const request = page.getByRole('form', { name: 'Be om et nytt prefiks' });
    await request.getByLabel('Prefiks', { exact: true }).fill(prefix);
    await request.getByLabel('Hva skal det brukes til?', { exact: true }).fill('Til testen av menyens teller');
    await request.getByRole('button', { name: 'Send forespørsel' }).click();
    await expect(page.getByRole('main').getByText(prefix)).toBeVisible();
    await expect(menu(page).getByRole('link', { name: /^Forespørsler om prefiks/ })).toHaveCount(0);
  });

  const context = await browser.newContext({ locale: 'nb-NO' });
  const alice = await context.newPage();
  await login(alice, 'Alice Admin');
  const before = await waiting(alice);

  await test.step('Alice, the platform administrator, sees the count with its words for screen readers', async () => {
    expect(before).toBeGreaterThanOrEqual(1);
    const link = menu(alice).getByRole('link', { name: /^Forespørsler om prefiks/ });
    await expect(link).toHaveAccessibleName(before === 1 ? 'Forespørsler om prefiks (1 ventende forespørsel)'
      : `Forespørsler om prefiks (${before} ventende forespørsler)`);
    await expect(link.locator('.badge')).toBeVisible();
    await expectNoAxeViolations(alice);
  });

  // the same queue in a second tab, to decide the request again once it is decided
  const stale = await context.newPage();
  await stale.goto('/portal/prefixes/requests');

  await test.step('deciding the request lowers the count; the last one takes the badge away', async () => {
    await menu(alice).getByRole('link', { name: /^Forespørsler om prefiks/ }).click();
    await alice.getByRole('button', { name: `Godkjenn ${prefix}` }).click();
    await expect(alice.getByRole('status')).toHaveText(`Prefikset ${prefix} er gitt til 310 028 142 Testbedrift AS.`);
    expect(await waiting(alice)).toBe(before - 1);
    if (before === 1) {
      await expect(menu(alice).getByRole('link', { name: 'Forespørsler om prefiks', exact: true })).toBeVisible();
      await expect(menu(alice).locator('.badge')).toHaveCount(0);
    }
  });

  await test.step('deciding it again (409) shows an error page in the frame, with the new count', async () => {
    await stale.getByRole('button', { name: `Avslå ${prefix}` }).click();
    await stale.getByRole('dialog', { name: 'Er du sikker?' }).getByRole('button', { name: 'Avslå forespørselen' }).click();
    await expect(stale.getByRole('heading', { level: 1 })).toHaveText('Feil 409');
    await expect(menu(stale).getByRole('link', { name: 'Oversikt' })).toBeVisible();
    expect(await waiting(stale)).toBe(before - 1);
    await expectNoAxeViolations(stale);
  });
  await context.close();
});

test('after switching organisation, logging out and in again lands on the last used one', async ({ page, browser }) => {
  await login(page, 'Bob Utvikler');
  // Testbedrift comes after Leverandør by name, so only a remembered choice lands there
  await switchTo(page, LEVERANDOR);
  await switchTo(page, TESTBEDRIFT);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testbedrift AS');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/dev-login\/authorize\?|\/portal\/?$/);

  // another browser: no cookie of this one's helps
  const context = await browser.newContext({ locale: 'nb-NO' });
  const again = await context.newPage();
  await login(again, 'Bob Utvikler');
  await expect(again.getByRole('combobox', { name: 'Handler på vegne av' }).locator('option:checked'))
    .toHaveText(TESTBEDRIFT);
  await expect(again.getByRole('heading', { level: 1 })).toHaveText('Testbedrift AS');
  await context.close();
});

test('the switch message names the organisation now acting, in both languages', async ({ page }) => {
  await login(page, 'Bob Utvikler');
  await switchTo(page, LEVERANDOR);
  await expect(page.getByRole('status')).toHaveText(`Du handler nå for ${LEVERANDOR}.`);
  await switchTo(page, TESTBEDRIFT);
  await expect(page.getByRole('status')).toHaveText(`Du handler nå for ${TESTBEDRIFT}.`);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'English' }).click();
  const switcher = page.getByRole('combobox', { name: 'Acting for' });
  const current = (await switcher.locator('option:checked').textContent())?.trim();
  const other = current === TESTBEDRIFT ? LEVERANDOR : TESTBEDRIFT;
  await switcher.selectOption({ label: other });
  await page.getByRole('button', { name: 'Switch organisation' }).click();
  await expect(page.getByRole('status')).toHaveText(`You now act for ${other}.`);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Norsk' }).click();
});
