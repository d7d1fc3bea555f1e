// @ts-check
// The journey "an administrator downloads the organisation's set-up, adds a scope to the document, uploads it, sees
// the plan and applies it" (issue 17), in Norwegian bokmål, with an axe check on every page and plan on the way.
const fs = require('node:fs');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

test('an administrator downloads the set-up, uploads a changed one, sees the plan and applies it', async ({ page }) => {
  test.setTimeout(60_000);
  const subscope = `oppsett.${Date.now()}`;
  const scope = `difitest:${subscope}`;
  const main = page.getByRole('main');

  await test.step('log in; Alice acts for Digitaliseringsdirektoratet (prefix difitest)', async () => {
    await login(page, 'Alice Admin');
    await actFor(page, 'Digitaliseringsdirektoratet (991 825 827)');
  });

  await test.step('Oppsett som kode: the page', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Oppsett som kode' }).click();
    await expect(page).toHaveURL(/\/portal\/setup$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oppsett som kode');
    await expectNoAxeViolations(page);
  });

  /** @type {any} */
  let doc;
  await test.step('download the document', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main.getByRole('link', { name: 'Last ned oppsettet (JSON)' }).click(),
    ]);
    doc = JSON.parse(fs.readFileSync(/** @type {string} */ (await download.path()), 'utf8'));
    expect(doc.orgno).toBe('991825827');
    expect(doc.prefixes).toContain('difitest');
  });

  await test.step('upload a changed document: the plan', async () => {
    doc.scopes.push({ prefix: 'difitest', subscope, description: 'Lagt til i oppsettet' });
    await main.getByLabel('Eller lim inn JSON').fill(JSON.stringify(doc, null, 2));
    await main.getByRole('button', { name: 'Vis planen' }).click();
    await expect(main.getByRole('heading', { name: 'Plan' })).toBeVisible();
    const table = main.getByRole('table', { name: 'API' });
    await expect(table.getByRole('row', { name: new RegExp(scope.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }))
      .toContainText('Opprettes');
    await expect(main.getByRole('status')).toHaveText('1 endring');
    await expectNoAxeViolations(page);
  });

  await test.step('apply the changes', async () => {
    await main.getByRole('button', { name: 'Bruk endringene' }).click();
    await expect(page).toHaveURL(/\/portal\/setup$/);
    await expect(page.getByText('1 endring er gjort.')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('the scope is there', async () => {
    await page.goto(`/portal/scopes/view?scope=${encodeURIComponent(scope)}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(scope);
  });
});
