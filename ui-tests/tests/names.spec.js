// @ts-check
// Names where people think in names (issue 14): an organisation number typed with spaces, as the portal itself shows
// it, is accepted; a valid number no register knows is added with a clear warning; organisations are shown by name
// and number in the access list, the catalogue and the history; the history reads in words, filters by person and
// action, and downloads as CSV with the same filter. Counts take the singular for one.
const fs = require('node:fs');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');
const { freshOrgno } = require('../support/orgno');

/** The number grouped as the portal prints it: 974 761 076. */
function spaced(orgno) {
  return `${orgno.slice(0, 3)} ${orgno.slice(3, 6)} ${orgno.slice(6)}`;
}

test('organisations by name and number, spaced and unknown numbers, the history in words', async ({ page }) => {
  // many steps with an axe run each, on a busy two-core machine
  test.setTimeout(90_000);
  const subscope = `navn.${Date.now()}`;
  const scope = `nav:${subscope}`;
  const unknown = freshOrgno();
  const main = page.getByRole('main');
  const addForm = page.getByRole('form', { name: 'Legg til tilgang' });
  const number = addForm.getByLabel('Organisasjonsnummer', { exact: true });
  const entries = main.getByRole('table', { name: 'Organisasjoner med tilgang' });

  await test.step('Alice, acting for Arbeids- og velferdsetaten, creates a scope', async () => {
    await login(page, 'Alice Admin');
    await actFor(page, 'Arbeids- og velferdsetaten (889 640 782)');
    await page.goto('/portal/scopes/new');
    const form = page.getByRole('form', { name: 'Nytt scope' });
    await form.getByRole('combobox', { name: 'Prefiks' }).selectOption('nav');
    await form.getByLabel('Delscope', { exact: true }).fill(subscope);
    await form.getByLabel('Beskrivelse', { exact: true }).fill('Scope for navn-testen');
    await form.getByRole('button', { name: 'Opprett scope' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scope);
    await page.goto(`/portal/scopes/access?scope=${encodeURIComponent(scope)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tilgangsliste ${scope}`);
  });

  await test.step('a number with spaces, as the portal shows it, is accepted and shown with its name', async () => {
    await number.fill('974 761 076');
    await addForm.getByRole('button', { name: 'Legg til', exact: true }).click();

    await expect(page.getByRole('status')).toHaveText(`974 761 076 Skatteetaten har fått tilgang til ${scope}.`);
    await expect(entries.getByRole('row', { name: /Skatteetaten/ })).toContainText('974 761 076');
    await expect(number).not.toHaveAttribute('aria-invalid');
    await expect(main.getByText('1 organisasjon', { exact: true })).toBeVisible();
    await expect(main.getByRole('alert')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  await test.step('a valid number no register knows is added, with a warning that says so', async () => {
    await number.fill(spaced(unknown));
    await addForm.getByRole('button', { name: 'Legg til', exact: true }).click();

    await expect(main.getByRole('alert')).toHaveText(`${spaced(unknown)} er ikke kjent i registeret; sjekk nummeret.`);
    await expect(entries.getByRole('row').filter({ hasText: spaced(unknown) }))
      .toContainText('Ikke kjent i registeret');
    await expect(main.getByText('2 organisasjoner', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('a number that is not nine digits is refused, saying so', async () => {
    await number.fill('974 761 07');
    await addForm.getByRole('button', { name: 'Legg til', exact: true }).click();

    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(number).toHaveAccessibleDescription(/må ha ni siffer og bare siffer/);
    await expect(main.getByText('2 organisasjoner', { exact: true })).toBeVisible();
  });

  await test.step('the catalogue names each scope\'s owner next to its number', async () => {
    await page.goto('/portal/catalogue');
    const row = main.getByRole('row').filter({ hasText: 'difitest:api3' });
    await expect(row).toContainText('Digitaliseringsdirektoratet (991 825 827)');
    await expectNoAxeViolations(page);
  });

  const history = main.getByRole('table', { name: 'Historikk' });

  await test.step('the scope\'s history in words: actions, fields and values, organisations by name', async () => {
    await page.goto(`/portal/audit?scope=${encodeURIComponent(scope)}`);

    await expect(main.getByText('3 endringer', { exact: true })).toBeVisible();
    const rows = history.getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1).getByRole('cell').nth(2)).toHaveText('Ga tilgang');
    await expect(rows.nth(1).getByRole('cell').nth(3)).toContainText(spaced(unknown));
    await expect(rows.nth(2).getByRole('cell').nth(1)).toContainText('Alice Admin');
    await expect(rows.nth(2).getByRole('cell').nth(3)).toContainText('Skatteetaten (974 761 076)');
    await expect(rows.nth(2).getByRole('cell').nth(4)).toContainText('Tilstand: Godkjent');
    await expect(rows.nth(3).getByRole('cell').nth(2)).toHaveText('Opprettet scope');
    await expectNoAxeViolations(page);
  });

  await test.step('the history filtered by person and action', async () => {
    const filter = page.getByRole('search', { name: 'Filtrer historikken' });
    await filter.getByRole('searchbox', { name: 'Person' }).fill('alice');
    await filter.getByRole('combobox', { name: 'Hva' }).selectOption({ label: 'Ga tilgang' });
    await filter.getByRole('button', { name: 'Vis' }).click();

    await expect(page).toHaveURL(/[?&]action=access\.granted/);
    await expect(page).toHaveURL(/[?&]person=alice/);
    await expect(main.getByText('2 endringer', { exact: true })).toBeVisible();
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history.getByRole('cell', { name: 'Opprettet scope' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  await test.step('the CSV download carries the same filter', async () => {
    const link = main.getByRole('link', { name: 'Last ned som CSV' });
    await expect(link).toHaveAttribute('href', /action=access\.granted/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('historikk.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('"Ga tilgang"');
    expect(csv).toContain('Skatteetaten (974 761 076)');
    expect(csv).not.toContain('Opprettet scope');
  });
});
