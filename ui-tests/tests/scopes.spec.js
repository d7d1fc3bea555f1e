// @ts-check
// The journey "a provider creates a scope, bulk-adds three organisations of which one has a bad check digit, sees the
// report, confirms, removes one, and sees the history", in Norwegian bokmål, with an axe check on every page on the
// way. Adding and removing one organisation go through htmx (the #access block is swapped, the page is not reloaded).
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');
const { isValidOrgno } = require('../support/orgno');

/** Valid organisation numbers from the demo data, with the names the portal shows for them. */
const SKATTEETATEN = { orgno: '974761076', name: 'Skatteetaten' };
const TESTBEDRIFT = { orgno: '310028142', name: 'Testbedrift AS' };
const DIGDIR = { orgno: '991825827', name: 'Digitaliseringsdirektoratet' };
/** Skatteetaten's number with the last digit off by one: nine digits, wrong MOD11 check digit. */
const BAD_CHECK_DIGIT = '974761077';

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Marks the current document, so that a later {@link expectSameDocument} can tell that the browser did not load a
 * new page in between (an htmx swap keeps the document; a full reload or navigation replaces it).
 *
 * @param {import('@playwright/test').Page} page
 */
async function markDocument(page) {
  await page.evaluate(() => { /** @type {any} */ (window).__sameDocument = true; });
}

/** @param {import('@playwright/test').Page} page */
async function expectSameDocument(page) {
  expect(await page.evaluate(() => /** @type {any} */ (window).__sameDocument === true),
    'the page was reloaded instead of swapped by htmx').toBe(true);
}

test('a provider creates a scope, bulk-adds organisations, removes one and sees the history', async ({ page }) => {
  // A long journey with ten axe runs: twice the default time, for a busy two-core machine.
  test.setTimeout(60_000);
  for (const orgno of [SKATTEETATEN.orgno, TESTBEDRIFT.orgno, DIGDIR.orgno]) expect(isValidOrgno(orgno)).toBe(true);
  expect(isValidOrgno(BAD_CHECK_DIGIT)).toBe(false);

  // Unique per run, so a re-run against the same database does not meet its own earlier scope.
  const subscope = `uitest.${Date.now()}`;
  const scope = `nav:${subscope}`;
  const scopeQuery = new RegExp(`\\?scope=${escapeRegExp(encodeURIComponent(scope))}$`);
  const main = page.getByRole('main');

  await test.step('log in; Alice acts for Arbeids- og velferdsetaten (prefix nav)', async () => {
    await login(page, 'Alice Admin');
    await actFor(page, 'Arbeids- og velferdsetaten (889 640 782)');
    await expect(page.getByRole('combobox', { name: 'Handler på vegne av' }).locator('option:checked'))
      .toHaveText('Arbeids- og velferdsetaten (889 640 782)');
  });

  await test.step('Mine API: the scope list', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Mine API' }).click();

    await expect(page).toHaveURL(/\/portal\/scopes$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mine API');
    await expect(main.getByRole('table', { name: 'Mine API' }).getByRole('link', { name: 'nav:arbeid/test/scope' }))
      .toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('Nytt scope: the form', async () => {
    await main.getByRole('link', { name: 'Nytt scope' }).click();

    await expect(page).toHaveURL(/\/portal\/scopes\/new$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nytt scope');
    await expect(page.getByRole('form', { name: 'Nytt scope' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('create the scope: its page', async () => {
    const form = page.getByRole('form', { name: 'Nytt scope' });
    await form.getByRole('combobox', { name: 'Prefiks' }).selectOption('nav');
    await form.getByLabel('Delscope', { exact: true }).fill(subscope);
    await form.getByLabel('Beskrivelse', { exact: true }).fill('Scope laget av nettlesertesten');
    await form.getByRole('button', { name: 'Opprett scope' }).click();

    await expect(page).toHaveURL(new RegExp(`/portal/scopes/view${scopeQuery.source}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scope);
    await expect(page.getByRole('status')).toContainText('Scopet er opprettet.');
    await expect(main.getByRole('definition').filter({ hasText: 'Aktivt' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('Tilgangsliste: empty at first', async () => {
    await page.getByRole('navigation', { name: 'Om scopet' }).getByRole('link', { name: 'Tilgangsliste' }).click();

    await expect(page).toHaveURL(new RegExp(`/portal/scopes/access${scopeQuery.source}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tilgangsliste ${scope}`);
    await expect(main.getByText('0 organisasjoner', { exact: true })).toBeVisible();
    await expect(main.getByText('Ingen organisasjoner har tilgang.')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('Legg til mange: the import form', async () => {
    await main.getByRole('link', { name: 'Legg til mange' }).click();

    await expect(page).toHaveURL(new RegExp(`/portal/scopes/access/import${scopeQuery.source}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Legg til mange ${scope}`);
    await expect(page.getByRole('form', { name: `Legg til mange ${scope}` })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('check a list of three, one with a bad check digit: the report', async () => {
    const form = page.getByRole('form', { name: `Legg til mange ${scope}` });
    await form.getByLabel('Organisasjonsnumre', { exact: true })
      .fill([SKATTEETATEN.orgno, TESTBEDRIFT.orgno, BAD_CHECK_DIGIT].join('\n'));
    await form.getByRole('button', { name: 'Sjekk listen' }).click();

    await expect(page).toHaveURL(new RegExp(`/portal/scopes/access/import${scopeQuery.source}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kontroll av import til ${scope}`);
    await expect(main.getByRole('listitem')).toHaveText(
      ['2 legges til', '0 har allerede tilgang', '0 duplikater', '1 ugyldig']);

    const rows = main.getByRole('table', { name: 'Linje for linje' }).getByRole('row');
    await expect(rows).toHaveCount(4); // the header row and three lines
    await expect(rows.nth(0).getByRole('columnheader')).toHaveText(['Linje', 'Verdi', 'Organisasjon', 'Resultat']);
    await expect(rows.nth(1).getByRole('cell')).toHaveText(['1', SKATTEETATEN.orgno, SKATTEETATEN.name, 'Legges til']);
    await expect(rows.nth(2).getByRole('cell')).toHaveText(['2', TESTBEDRIFT.orgno, TESTBEDRIFT.name, 'Legges til']);
    await expect(rows.nth(3).getByRole('cell')).toHaveText(['3', BAD_CHECK_DIGIT, '', 'Ugyldig kontrollsiffer']);
    await expectNoAxeViolations(page);
  });

  await test.step('confirm: the two valid ones are on the access list', async () => {
    await main.getByRole('button', { name: 'Bekreft: legg til 2 organisasjoner' }).click();

    await expect(page).toHaveURL(new RegExp(`/portal/scopes/access${scopeQuery.source}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tilgangsliste ${scope}`);
    await expect(page.getByRole('status')).toContainText('Organisasjonene er lagt til.');
    await expect(main.getByText('2 organisasjoner', { exact: true })).toBeVisible();
    const table = main.getByRole('table', { name: 'Organisasjoner med tilgang' });
    await expect(table.getByRole('row', { name: SKATTEETATEN.name })).toContainText(SKATTEETATEN.orgno);
    await expect(table.getByRole('row', { name: TESTBEDRIFT.name })).toContainText(TESTBEDRIFT.orgno);
    await expect(table.getByRole('row').filter({ hasText: BAD_CHECK_DIGIT })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  await test.step('Legg til tilgang (htmx): a bad check digit is refused at the field', async () => {
    await markDocument(page);
    const form = page.getByRole('form', { name: 'Legg til tilgang' });
    const orgno = form.getByLabel('Organisasjonsnummer', { exact: true });
    await orgno.fill(BAD_CHECK_DIGIT);
    await form.getByRole('button', { name: 'Legg til', exact: true }).click();

    const message = 'Organisasjonsnummeret har feil kontrollsiffer: det siste av de ni sifrene passer ikke med de '
      + 'åtte første. Sjekk at nummeret er skrevet av riktig.';
    await expect(form.getByRole('alert')).toHaveText('Skjemaet har feil. Se feltene som er merket.');
    await expect(form.getByText(message)).toBeVisible();
    await expect(orgno).toHaveAttribute('aria-invalid', 'true');
    await expect(orgno).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    await expect(orgno).toHaveValue(BAD_CHECK_DIGIT);
    // htmx puts the focus back on the (new) button, so a keyboard user is not thrown back to the top of the page
    await expect(form.getByRole('button', { name: 'Legg til', exact: true })).toBeFocused();
    await expect(main.getByText('2 organisasjoner', { exact: true })).toBeVisible();
    await expectSameDocument(page);
    await expectNoAxeViolations(page);
  });

  await test.step('Legg til tilgang (htmx): the new row appears without a reload', async () => {
    await markDocument(page);
    const form = page.getByRole('form', { name: 'Legg til tilgang' });
    await form.getByLabel('Organisasjonsnummer', { exact: true }).fill(DIGDIR.orgno);
    await form.getByRole('button', { name: 'Legg til', exact: true }).click();

    const table = main.getByRole('table', { name: 'Organisasjoner med tilgang' });
    await expect(table.getByRole('row', { name: DIGDIR.name })).toContainText(DIGDIR.orgno);
    await expect(main.getByText('3 organisasjoner', { exact: true })).toBeVisible();
    // the swapped-in form is blank again, without errors, and keeps the focus
    await expect(form.getByLabel('Organisasjonsnummer', { exact: true })).toHaveValue('');
    await expect(form.getByLabel('Organisasjonsnummer', { exact: true })).not.toHaveAttribute('aria-invalid');
    await expect(form.getByRole('alert')).toHaveCount(0);
    await expect(form.getByRole('button', { name: 'Legg til', exact: true })).toBeFocused();
    // the message names what changed (issue 14)
    await expect(page.getByRole('status')).toHaveText(`991 825 827 ${DIGDIR.name} har fått tilgang til ${scope}.`);
    await expectSameDocument(page);
    await expectNoAxeViolations(page);
  });

  await test.step('Fjern (htmx): one organisation is taken off the list', async () => {
    await markDocument(page);
    const table = main.getByRole('table', { name: 'Organisasjoner med tilgang' });
    await table.getByRole('button', { name: `Fjern ${TESTBEDRIFT.orgno}`, exact: true }).click();
    // it asks first, naming the organisation and the scope (issue 14)
    const dialog = page.getByRole('dialog', { name: 'Er du sikker?' });
    await expect(dialog).toContainText(`Fjerne 310 028 142 ${TESTBEDRIFT.name} fra tilgangslisten til ${scope}?`);
    await dialog.getByRole('button', { name: 'Fjern tilgangen' }).click();

    await expect(main.getByText('2 organisasjoner', { exact: true })).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: TESTBEDRIFT.orgno })).toHaveCount(0);
    await expect(table.getByRole('row', { name: SKATTEETATEN.name })).toBeVisible();
    await expect(table.getByRole('row', { name: DIGDIR.name })).toBeVisible();
    await expect(page.getByRole('status'))
      .toContainText(`310 028 142 ${TESTBEDRIFT.name} har ikke lenger tilgang til ${scope}.`);
    // the button went with its row: the focus goes to the list's heading, not back to the top of the page
    await expect(main.getByRole('heading', { name: 'Organisasjoner med tilgang' })).toBeFocused();
    await expectSameDocument(page);
    await expectNoAxeViolations(page);
  });

  await test.step('Historikk for tilgangslisten: every change, newest first', async () => {
    await main.getByRole('link', { name: 'Historikk for tilgangslisten' }).click();

    await expect(page).toHaveURL(new RegExp(`/portal/audit${scopeQuery.source}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Historikk for ${scope}`);
    await expect(main.getByText('4 endringer', { exact: true })).toBeVisible();
    const rows = main.getByRole('table', { name: 'Historikk' }).getByRole('row');
    await expect(rows).toHaveCount(5); // the header row and four events
    const what = ['Fjernet tilgang', 'Ga tilgang', 'Importerte tilganger', 'Opprettet scope'];
    for (const [i, action] of what.entries()) {
      const cells = rows.nth(i + 1).getByRole('cell');
      await expect(cells.nth(1)).toContainText('alice@example.com');
      await expect(cells.nth(2)).toHaveText(action);
      await expect(cells.nth(3)).toContainText(scope);
    }
    // which organisation each access change was about, by name and number: in "Gjelder", or in the list of values
    await expect(rows.nth(1).getByRole('cell').nth(3)).toContainText('Testbedrift AS (310 028 142)');
    await expect(rows.nth(1).getByRole('cell').nth(4)).toContainText('Tilstand: Godkjent → Avslått');
    await expect(rows.nth(2).getByRole('cell').nth(3)).toContainText('Digitaliseringsdirektoratet (991 825 827)');
    const imported = rows.nth(3).getByRole('cell').nth(4);
    await expect(imported).toContainText('Antall: 2');
    await expect(imported).toContainText('Skatteetaten (974 761 076), Testbedrift AS (310 028 142)');
    await expect(imported).not.toContainText(BAD_CHECK_DIGIT);
    await expectNoAxeViolations(page);
  });
});
