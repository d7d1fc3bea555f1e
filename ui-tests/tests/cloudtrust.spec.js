// @ts-check
// Skyporten cloud trust, generated (issue 18): from a scope's page to the form, the documents in code blocks that
// scroll on their own at 320 px, and a field error for a bad organisation number. In Norwegian bokmål, with axe.
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

test('a provider generates the cloud trust set-up for a consumer', async ({ page }) => {
  test.setTimeout(120_000);
  const main = page.getByRole('main');
  await login(page, 'Alice Admin');
  await actFor(page, 'Digitaliseringsdirektoratet (991 825 827)');
  await page.goto('/portal/scopes/view?scope=' + encodeURIComponent('difitest:open.read'));
  await main.getByRole('link', { name: 'Lag oppsett for sky-tillit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sky-tillit (Skyporten)');
  await expectNoAxeViolations(page);

  await main.getByLabel('Konsumentens organisasjonsnummer').fill('974 761 077');
  await main.getByRole('button', { name: 'Lag oppsettet' }).click();
  await expect(main.getByText('feil kontrollsiffer')).toBeVisible();
  await expect(main.getByLabel('Konsumentens organisasjonsnummer')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await main.getByLabel('Konsumentens organisasjonsnummer').fill('974 761 076');
  await main.getByLabel('Audience (resource)').fill('https://skyporten.digdir.example');
  await main.getByRole('button', { name: 'Lag oppsettet' }).click();
  await expect(main.getByRole('heading', { name: 'Oppsettet' })).toBeVisible();
  await expect(main.getByRole('region', { name: /Rollens tillitspolicy/ })).toContainText('"sts:AssumeRoleWithWebIdentity"');
  await expect(main.getByRole('region', { name: /gcloud-kommandoer/ })).toContainText('--attribute-mapping=');
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 320, height: 800 });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth,
    code: /** @type {HTMLElement} */ (document.querySelector('pre')).scrollWidth }));
  expect(widths.page).toBeLessThanOrEqual(321);
  expect(widths.code).toBeGreaterThan(320);
});
