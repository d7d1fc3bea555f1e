// @ts-check
const { expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('./axe');

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Logs in through the built-in demo login (PORTAL_DEV_LOGIN_ENABLED=true) as the person whose radio button's
 * label starts with `name`, e.g. 'Alice Admin' for "Alice Admin (alice…)". Checks the login page with axe on the
 * way, and returns once the browser is back on the portal.
 *
 * @param {import('@playwright/test').Page} page
 * @param {string} name
 */
async function login(page, name) {
  await page.goto('/portal');
  await expect(page).toHaveURL(/\/dev-login\/authorize\?/);
  await expect(page.getByRole('heading', { level: 1, name: 'Demo-innlogging' })).toBeVisible();
  await expectNoAxeViolations(page);

  const people = page.getByRole('group', { name: 'Logg inn som' });
  await people.getByRole('radio', { name: new RegExp(`^${escapeRegExp(name)} \\(`) }).check();
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();

  await expect(page).toHaveURL(/\/portal\/?$/);
}

/**
 * Makes the page act for the organisation whose switcher option reads `label`, e.g.
 * 'Arbeids- og velferdsetaten (889 640 782)'. A login lands on the organisation last chosen, which an earlier
 * journey may have changed, so a journey that needs one organisation says so.
 *
 * @param {import('@playwright/test').Page} page
 * @param {string} label
 */
async function actFor(page, label) {
  const switcher = page.getByRole('combobox', { name: /^(Handler på vegne av|Acting for)$/ });
  if ((await switcher.locator('option:checked').textContent())?.trim() !== label) {
    await switcher.selectOption({ label });
    await page.getByRole('button', { name: /^(Bytt organisasjon|Switch organisation)$/ }).click();
  }
  await expect(switcher.locator('option:checked')).toHaveText(label);
}

module.exports = { login, actFor };
