// @ts-check
// Safe clicks (issue 14): a double click on "Opprett integrasjon" makes one client, because the button is disabled and
// shows progress while its request is in flight. (Without JavaScript, Chromium sends one of a double click's two
// submits; the server's guard against a repeated submit is tested in ClientPagesDoubleSubmitTest.)
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

/** Demo data: Bob acts for Testbedrift AS, which may register clients and was granted this scope. */
const TESTBEDRIFT = 'Testbedrift AS (310 028 142)';
const GRANTED = 'difitest:api3';

/** @param {import('@playwright/test').Page} page */
async function bobForTestbedrift(page) {
  await login(page, 'Bob Utvikler');
  await actFor(page, TESTBEDRIFT);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testbedrift AS');
}

/**
 * Fills in "Ny integrasjon" for a client named `name`.
 *
 * @param {import('@playwright/test').Page} page
 * @param {string} name
 */
async function fillNewClient(page, name) {
  await page.goto('/portal/clients/new');
  const form = page.getByRole('form', { name: 'Ny integrasjon' });
  await form.getByLabel('Navn', { exact: true }).fill(name);
  await form.getByLabel('Beskrivelse', { exact: true }).fill('Dobbeltklikket av nettlesertesten');
  await form.getByRole('checkbox', { name: GRANTED }).check();
  return form;
}

/**
 * Double-clicks "Opprett integrasjon" on a new client named `name`, and returns how many clients of that name the
 * list then shows.
 *
 * @param {import('@playwright/test').Page} page
 * @param {string} name
 */
async function doubleClickCreate(page, name) {
  const form = await fillNewClient(page, name);
  await form.getByRole('button', { name: 'Opprett integrasjon' }).dblclick();

  // a new client's page opens on its keys (issue 14: the next step)
  await expect(page).toHaveURL(/\/portal\/clients\/keys\?client=[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  // a second POST would still be on its way: give it the time it takes before counting
  await page.waitForTimeout(1_500);
  await page.goto('/portal/clients');
  return page.getByRole('main').getByRole('link', { name, exact: true }).count();
}

test('a double click on "Opprett integrasjon" makes one client', async ({ page }) => {
  const name = `ui-dobbeltklikk-${Date.now()}`;
  await bobForTestbedrift(page);
  expect(await doubleClickCreate(page, name)).toBe(1);
  await expectNoAxeViolations(page);
});

test('the button is disabled and shows progress while its request is in flight', async ({ page }) => {
  const name = `ui-venter-${Date.now()}`;
  await bobForTestbedrift(page);
  const form = await fillNewClient(page, name);
  // hold the create request until the button has been looked at
  let release = () => {};
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/portal/clients', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  const button = form.getByRole('button', { name: 'Opprett integrasjon' });
  await button.click();
  await expect(button).toBeDisabled();
  await expect(form).toHaveAttribute('aria-busy', 'true');
  release();
  // a new client's page opens on its keys (issue 14: the next step)
  await expect(page).toHaveURL(/\/portal\/clients\/keys\?client=[0-9a-f-]{36}$/);
});
