// @ts-check
// Access-list hygiene (issue 15): a bulk import shows a bankrupt and a deleted organisation of the demo register as
// such and adds them only when the provider insists; the dashboard then says that organisations on the access lists
// should go, and "Organisasjoner som bør fjernes" removes them in one confirmed step.
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

/** Units of the demo register (db/demo/0005-demo-register.sql). */
const BANKRUPT = { orgno: '313100219', spaced: '313 100 219', name: 'BØLGEKRAFT TEKNOLOGI AS' };
const DELETED = { orgno: '313101193', spaced: '313 101 193', name: 'DRAGEFJELL DATA AS' };
const ACTIVE = { orgno: '313100073', spaced: '313 100 073', name: 'NORDLYS ANALYSE AS' };

test('an import shows bankrupt and deleted organisations as such, and they go in one step', async ({ page }) => {
  test.setTimeout(90_000);
  const subscope = `hygiene.${Date.now()}`;
  const scope = `nav:${subscope}`;
  const main = page.getByRole('main');

  await test.step('Alice, acting for Arbeids- og velferdsetaten, creates a scope', async () => {
    await login(page, 'Alice Admin');
    await actFor(page, 'Arbeids- og velferdsetaten (889 640 782)');
    await page.goto('/portal/scopes/new');
    const form = page.getByRole('form', { name: 'Nytt scope' });
    await form.getByRole('combobox', { name: 'Prefiks' }).selectOption('nav');
    await form.getByLabel('Delscope', { exact: true }).fill(subscope);
    await form.getByLabel('Beskrivelse', { exact: true }).fill('Scope for hygiene-testen');
    await form.getByRole('button', { name: 'Opprett scope' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scope);
  });

  await test.step('the import report shows the bankrupt and the deleted organisation as such', async () => {
    await page.goto(`/portal/scopes/access/import?scope=${encodeURIComponent(scope)}`);
    await page.getByLabel('Organisasjonsnumre', { exact: true })
      .fill(`${BANKRUPT.orgno}\n${DELETED.spaced}\n${ACTIVE.orgno}\n`);
    await page.getByRole('button', { name: 'Sjekk listen' }).click();

    const rows = main.getByRole('table', { name: 'Linje for linje' });
    await expect(rows.getByRole('row').filter({ hasText: BANKRUPT.orgno })).toContainText('Konkurs: legges ikke til');
    await expect(rows.getByRole('row').filter({ hasText: DELETED.spaced }))
      .toContainText('Slettet i registeret: legges ikke til');
    await expect(rows.getByRole('row').filter({ hasText: ACTIVE.orgno })).toContainText('Legges til');
    await expect(main.getByText('1 er konkurs (legges ikke til)')).toBeVisible();
    await expect(main.getByText('1 er slettet i registeret (legges ikke til)')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('"import anyway" adds them too', async () => {
    await main.getByRole('checkbox', { name: 'Legg likevel til de 2 slettede eller konkursrammede' }).check();
    await main.getByRole('button', { name: 'Bekreft: legg til 1 organisasjon' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tilgangsliste ${scope}`);
    await expect(main.getByText('3 organisasjoner', { exact: true })).toBeVisible();
    const entries = main.getByRole('table', { name: 'Organisasjoner med tilgang' });
    await expect(entries.getByRole('row').filter({ hasText: BANKRUPT.spaced })).toContainText('Konkurs');
    await expect(entries.getByRole('row').filter({ hasText: DELETED.spaced })).toContainText('Slettet');
    await expect(main.getByText('2 organisasjoner på denne listen er slettet, konkurs eller under avvikling',
      { exact: false })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('the dashboard says so and leads to the page that removes them', async () => {
    await page.goto('/portal');
    await expect(main.getByText(/organisasjoner? på tilgangslistene dine er slettet, konkurs eller under avvikling/))
      .toBeVisible();
    await main.getByRole('link', { name: 'Se hvilke' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisasjoner som bør fjernes');
    const inactive = main.getByRole('table', { name: 'Organisasjoner som bør fjernes' });
    await expect(inactive.getByRole('row').filter({ hasText: scope }).filter({ hasText: BANKRUPT.name }))
      .toContainText('Konkurs');
    await expect(inactive.getByRole('row').filter({ hasText: scope }).filter({ hasText: DELETED.name }))
      .toContainText('Slettet den 31.12.2024');
    await expectNoAxeViolations(page);
  });

  await test.step('one confirmed step removes them all', async () => {
    await main.getByRole('button', { name: /^Fjern (alle \d+|den) fra tilgangslistene$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Er du sikker?' });
    await expect(dialog).toContainText(/Fjerne \d+ organisasjon(er)? fra tilgangslistene dine\?/);
    await dialog.getByRole('button', { name: 'Fjern dem' }).click();
    await expect(page.locator('#alerts')).toContainText(/fjernet fra tilgangslistene/);
    await expect(main.getByRole('row').filter({ hasText: scope })).toHaveCount(0);

    await page.goto(`/portal/scopes/access?scope=${encodeURIComponent(scope)}`);
    const entries = main.getByRole('table', { name: 'Organisasjoner med tilgang' });
    await expect(main.getByText('1 organisasjon', { exact: true })).toBeVisible();
    await expect(entries.getByRole('row').filter({ hasText: ACTIVE.spaced })).toHaveCount(1);
    await expect(entries.getByRole('row').filter({ hasText: BANKRUPT.spaced })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});
