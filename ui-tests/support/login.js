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

module.exports = { login };
