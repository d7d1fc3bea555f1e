// @ts-check
// The scope's page in sections (issue 14): overview, access list and history are tabs that are links, the edit form
// opens on "Endre scopet", the long description is Markdown shown as formatted text with no way to run script,
// breadcrumbs say where the page is, the access list downloads as a CSV file the import takes back, and "Mine API" and
// the catalogue have search and filters that live in the address. In Norwegian bokmål, with axe on every page state.
const fs = require('node:fs');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

const SKATTEETATEN = { orgno: '974761076', name: 'Skatteetaten' };
const TESTBEDRIFT = { orgno: '310028142', name: 'Testbedrift AS' };
const NAV = { orgno: '889640782', label: 'Arbeids- og velferdsetaten (889640782)' };

/** Markdown with a heading, a list, a link, and three attempts at script that must stay text. */
const LONG_DESCRIPTION = [
  '# Slik bruker du API-et',
  '',
  'Les **dette** først:',
  '',
  '- hent et token',
  '- kall API-et',
  '',
  '<script>window.__xss = "script";</script>',
  '',
  '<img src=x onerror="window.__xss = \'img\'">',
  '',
  '[Dokumentasjon](https://example.org/doc) og [klikk her](javascript:window.__xss=\'lenke\')',
].join('\n');

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a scope page in sections, with Markdown, CSV export, breadcrumbs and filtered lists', async ({ page }) => {
  test.setTimeout(120_000);
  const subscope = `sider.${Date.now()}`;
  const scope = `nav:${subscope}`;
  const scopeQuery = `scope=${escapeRegExp(encodeURIComponent(scope))}`;
  const main = page.getByRole('main');
  const tabs = page.getByRole('navigation', { name: 'Om scopet' });
  const crumbs = page.getByRole('navigation', { name: 'Brødsmulesti' });

  await test.step('Alice makes a scope with a Markdown description', async () => {
    await login(page, 'Alice Admin');
    await actFor(page, 'Arbeids- og velferdsetaten (889 640 782)');
    await page.goto('/portal/scopes/new');
    const form = page.getByRole('form', { name: 'Nytt scope' });
    await form.getByRole('combobox', { name: 'Prefiks' }).selectOption('nav');
    await form.getByLabel('Delscope', { exact: true }).fill(subscope);
    await form.getByLabel('Beskrivelse', { exact: true }).fill('Scope for sidetesten');
    await form.getByLabel('Lang beskrivelse', { exact: true }).fill(LONG_DESCRIPTION);
    await form.getByRole('button', { name: 'Opprett scope' }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/scopes/view\\?${scopeQuery}$`));
  });

  await test.step('the overview: tabs, breadcrumbs, no open form, the description as formatted text', async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scope);
    await expect(tabs.getByRole('link')).toHaveText(['Oversikt', 'Tilgangsliste', `Historikk for ${scope}`]);
    await expect(tabs.getByRole('link', { name: 'Oversikt' })).toHaveAttribute('aria-current', 'page');
    await expect(crumbs.getByRole('link')).toHaveText(['Oversikt', 'Mine API']);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText(scope);
    await expect(page.getByRole('form', { name: 'Endre scopet' })).toHaveCount(0);
    await expect(main.getByRole('link', { name: 'Se og endre tilgangslisten' })).toBeVisible();

    await expect(main.getByRole('heading', { level: 3, name: 'Slik bruker du API-et' })).toBeVisible();
    await expect(main.locator('.markdown strong')).toHaveText('dette');
    await expect(main.locator('.markdown li')).toHaveText(['hent et token', 'kall API-et']);
    await expect(main.getByRole('link', { name: 'Dokumentasjon' })).toHaveAttribute('href', 'https://example.org/doc');
    await expect(main.getByRole('link', { name: 'klikk her' })).not.toHaveAttribute('href', /javascript/i);
    // the attempts are on screen as text, and nothing ran
    await expect(main.getByText('<script>window.__xss = "script";</script>')).toBeVisible();
    await expect(main.getByText('<img src=x onerror=')).toBeVisible();
    await expect(main.locator('.markdown script, .markdown img, .markdown [onerror]')).toHaveCount(0);
    await main.getByRole('link', { name: 'klikk her' }).click();
    expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
    await expectNoAxeViolations(page);
  });

  await test.step('"Endre scopet" opens the form; checkboxes sit next to their labels; saving closes it', async () => {
    await page.goto(`/portal/scopes/view?scope=${encodeURIComponent(scope)}`);
    await main.getByRole('link', { name: 'Endre scopet' }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/scopes/view\\?${scopeQuery}&section=edit$`));
    const form = page.getByRole('form', { name: 'Endre scopet' });
    await expect(form).toBeVisible();
    await expect(form.getByLabel('Lang beskrivelse', { exact: true })).toHaveValue(LONG_DESCRIPTION);

    // the gap between a checkbox and the start of its label's text
    const gaps = await form.locator('label.check').evaluateAll((labels) => labels.map((label) => {
      const box = /** @type {HTMLInputElement} */ (label.querySelector('input')).getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(label);
      range.setStartAfter(/** @type {HTMLInputElement} */ (label.querySelector('input')));
      const text = Array.from(range.getClientRects()).find((r) => r.width > 0);
      return text ? text.left - box.right : Infinity;
    }));
    expect(gaps.length).toBeGreaterThan(5);
    for (const gap of gaps) expect(gap).toBeLessThan(16);
    await expectNoAxeViolations(page);

    await form.getByLabel('Beskrivelse', { exact: true }).fill('Scope for sidetesten, endret');
    await form.getByRole('button', { name: 'Lagre endringer' }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/scopes/view\\?${scopeQuery}$`));
    await expect(page.getByRole('status')).toContainText('Endringene er lagret.');
    await expect(main.getByText('Scope for sidetesten, endret')).toBeVisible();
    await expect(page.getByRole('form', { name: 'Endre scopet' })).toHaveCount(0);
  });

  await test.step('the access list tab: two organisations, and "Last ned som CSV"', async () => {
    await tabs.getByRole('link', { name: 'Tilgangsliste' }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/scopes/access\\?${scopeQuery}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tilgangsliste ${scope}`);
    await expect(tabs.getByRole('link', { name: 'Tilgangsliste' })).toHaveAttribute('aria-current', 'page');
    await expect(crumbs.getByRole('link')).toHaveText(['Oversikt', 'Mine API', scope]);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Tilgangsliste');
    const add = page.getByRole('form', { name: 'Legg til tilgang' });
    for (const org of [SKATTEETATEN, TESTBEDRIFT]) {
      await add.getByLabel('Organisasjonsnummer', { exact: true }).fill(org.orgno);
      await add.getByRole('button', { name: 'Legg til', exact: true }).click();
      await expect(main.getByRole('table', { name: 'Organisasjoner med tilgang' }).getByRole('row', { name: org.name }))
        .toBeVisible();
    }
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main.getByRole('link', { name: 'Last ned som CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`tilgangsliste-nav-${subscope}.csv`);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Organisasjonsnummer;Organisasjon;Sist endret');
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual(
      [`${TESTBEDRIFT.orgno};${TESTBEDRIFT.name}`, `${SKATTEETATEN.orgno};${SKATTEETATEN.name}`]);

    // the file goes back into "Legg til mange" as it is: both rows are already on the list
    await main.getByRole('link', { name: 'Legg til mange' }).click();
    await page.getByLabel('Eller last opp en CSV-fil').setInputFiles(file);
    await page.getByRole('button', { name: 'Sjekk listen' }).click();
    const rows = main.getByRole('table', { name: 'Linje for linje' }).getByRole('row');
    await expect(rows).toHaveCount(3); // the header row (the file's own header is skipped) and two organisations
    await expect(rows.nth(1).getByRole('cell')).toHaveText(['2', TESTBEDRIFT.orgno, TESTBEDRIFT.name, 'Har allerede tilgang']);
    await expect(rows.nth(2).getByRole('cell')).toHaveText(['3', SKATTEETATEN.orgno, SKATTEETATEN.name, 'Har allerede tilgang']);
  });

  await test.step('the history tab names the scope', async () => {
    await page.goto(`/portal/scopes/view?scope=${encodeURIComponent(scope)}`);
    await tabs.getByRole('link', { name: `Historikk for ${scope}` }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/audit\\?${scopeQuery}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Historikk for ${scope}`);
    await expect(tabs.getByRole('link', { name: `Historikk for ${scope}` })).toHaveAttribute('aria-current', 'page');
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Historikk');
    await expect(main.getByRole('table', { name: 'Historikk' }).getByRole('row')).toHaveCount(5);
    await expectNoAxeViolations(page);
  });

  await test.step('Mine API: search, status filter and sort, kept in the address', async () => {
    await page.goto('/portal/scopes');
    const table = main.getByRole('table', { name: 'Mine API' });
    await expect(table.getByRole('link', { name: 'nav:arbeid/test/scope' })).toBeVisible();
    await main.getByRole('searchbox', { name: 'Søk på navn eller beskrivelse' }).fill('sidetesten');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('link', { name: scope })).toBeVisible();
    await expect(page).toHaveURL(/[?&]q=sidetesten/);

    await main.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Deaktivert' });
    await expect(main.getByText('Ingen scopes passer søket og filtrene.')).toBeVisible();
    await expect(page).toHaveURL(/[?&]status=inactive/);
    await main.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Aktivt' });
    await expect(table.getByRole('link', { name: scope })).toBeVisible();

    // the scope with the most organisations first; the address alone gives the same list
    await page.goto('/portal/scopes?sort=access&status=active');
    await expect(main.getByRole('combobox', { name: 'Sorter etter' }).locator('option:checked'))
      .toHaveText('Flest organisasjoner med tilgang');
    await expect(table.getByRole('row').nth(1).getByRole('link')).toHaveText(/nav:/);
    await expectNoAxeViolations(page);
  });

  await test.step('the catalogue: owner and prefix filters with the search, Markdown there too', async () => {
    await page.goto('/portal/catalogue');
    const results = main.getByRole('table', { name: 'API-katalog' });
    await expect(results.getByText('difitest:api3')).toBeVisible();
    await main.getByRole('combobox', { name: 'Eier' }).selectOption({ label: NAV.label });
    await expect(results.getByText('difitest:api3')).toHaveCount(0);
    await expect(results.getByText(scope)).toBeVisible();
    await expect(results.getByText('nav:arbeid/test/scope')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]owner=${NAV.orgno}`));
    await expect(results.getByRole('heading', { level: 3, name: 'Slik bruker du API-et' })).toBeVisible();
    await expect(results.getByText('<script>window.__xss = "script";</script>')).toBeVisible();
    expect(await page.evaluate(() => /** @type {any} */ (window).__xss)).toBeUndefined();
    await main.getByRole('searchbox', { name: 'Søk på navn eller beskrivelse' }).fill('sidetesten');
    await expect(results.getByRole('row')).toHaveCount(2);
    await expectNoAxeViolations(page);

    await page.goto('/portal/catalogue?prefix=difitest');
    await expect(results.getByText('difitest:api3')).toBeVisible();
    await expect(results.getByText(scope)).toHaveCount(0);
    await expect(main.getByRole('combobox', { name: 'Prefiks' }).locator('option:checked')).toHaveText('difitest');
  });
});
