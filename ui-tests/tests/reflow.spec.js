// @ts-check
// Reflow (WCAG 1.4.10): every page the demo people reach reads at 320 CSS px without scrolling sideways, and at
// 1280 px nothing runs out of the window either; at 320 px axe finds nothing. Wide content (tables, code) may scroll
// inside its own box, never the page. The pages are visited with the data they have in a demo run, plus a client
// with a certificate, a pending prefix request and an import report made here, so the widest parts (key facts,
// request and report tables) are on screen.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { login, actFor } = require('../support/login');

/** The narrowest width WCAG 1.4.10 asks for, and a common desktop width. */
const WIDTHS = [320, 1280];
const HEIGHT = 800;

const TESTBEDRIFT = { orgno: '310028142', label: 'Testbedrift AS (310 028 142)' };
const LEVERANDOR = { orgno: '311654306' };
const DIGDIR = { label: 'Digitaliseringsdirektoratet (991 825 827)' };
const NAV = { label: 'Arbeids- og velferdsetaten (889 640 782)' };
/** Demo data: NAV's scope with an access list, and the demo client Testbedrift has. */
const NAV_SCOPE = 'nav:arbeid/test/scope';
const DEMO_CLIENT = '0b6f2d9c-6f2a-4c55-9a57-2f0c2a6f3e01';

/** Made once per run by the set-up below. */
const made = { clientId: '', prefix: '' };

/** A self-signed enterprise certificate for Testbedrift as PEM (the key card then shows every certificate fact). */
function enterpriseCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-reflow-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'),
    '-out', path.join(dir, 'cert.pem'), '-days', '20',
    '-subj', `/C=NO/O=Testbedrift AS/organizationIdentifier=NTRNO-${TESTBEDRIFT.orgno}/CN=Testbedrift AS`],
  { stdio: 'ignore' });
  return fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
}

/**
 * Fails when the page is wider than the window (it scrolls sideways), naming the innermost elements that stick out;
 * and when text runs out of the box it is in (a role's name out of its card) although the page does not scroll.
 * Content inside a box that scrolls or clips (a table's scroll box, a code example) is that box's business.
 *
 * @param {import('@playwright/test').Page} page
 */
async function expectNoSidewaysScroll(page) {
  const measured = await page.evaluate(() => {
    /** tag, id, classes, right edge, widths and the start of the text, for a failure message */
    const describe = (/** @type {Element} */ el) => {
      const id = el.id ? `#${el.id}` : '';
      const classes = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${classes} (right edge ${Math.round(el.getBoundingClientRect().right)} px,` +
        ` content ${el.scrollWidth} px in ${el.clientWidth} px) "${text}"`;
    };
    const root = document.documentElement;
    const width = root.clientWidth;
    const inScrollingBox = (/** @type {Element} */ el) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const all = [...document.body.querySelectorAll('*')].filter((el) => !inScrollingBox(el));
    const outside = all.filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right > width + 0.5;
    });
    const innermost = outside.filter((el) => !outside.some((other) => other !== el && el.contains(other)));
    const spilling = all.filter((el) => el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible'
      && el.scrollWidth > el.clientWidth + 1);
    const innermostSpilling = spilling.filter((el) => !spilling.some((other) => other !== el && el.contains(other)));
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: width,
      outside: innermost.slice(0, 8).map(describe),
      spilling: innermostSpilling.slice(0, 8).map(describe),
    };
  });
  // soft: one run names every page that does not fit, not only the first
  expect.soft(measured.scrollWidth,
    `${page.url()} scrolls sideways: ${measured.scrollWidth} px of content in a ${measured.clientWidth} px window; ` +
      `sticking out:\n  ${measured.outside.join('\n  ')}`).toBeLessThanOrEqual(measured.clientWidth);
  expect.soft(measured.spilling, `${page.url()}: content runs out of its box`).toEqual([]);
}

/**
 * Opens `url` (or takes the page as it is, when `url` is null), waits for its main heading, and checks reflow, and at
 * 320 px axe.
 *
 * @param {import('@playwright/test').Page} page
 * @param {string | null} url
 * @param {number} width
 * @param {{ status?: number, heading?: string | RegExp }} [expected]
 */
async function checkPage(page, url, width, expected = {}) {
  await test.step(`${url ?? page.url()} at ${width} px`, async () => {
    if (url !== null) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(expected.status ?? 200);
    }
    const heading = page.getByRole('heading', { level: 1 });
    if (expected.heading) await expect(heading).toHaveText(expected.heading);
    else await expect(heading).toBeVisible();
    await expectNoSidewaysScroll(page);
    if (width <= 320) await expectNoAxeViolations(page);
  });
}

test.beforeAll('Bob makes a client with a certificate and asks for a prefix', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ locale: 'nb-NO' });
  const page = await context.newPage();
  const stamp = Date.now();
  await login(page, 'Bob Utvikler');
  await actFor(page, TESTBEDRIFT.label);

  await page.goto('/portal/clients/new');
  const form = page.getByRole('form', { name: 'Ny integrasjon' });
  await form.getByLabel('Navn', { exact: true }).fill(`reflow-integrasjon-med-et-langt-navn-${stamp}`);
  await form.getByLabel('Beskrivelse', { exact: true }).fill('Integrasjon for reflow-testen');
  await form.getByRole('checkbox', { name: 'difitest:api3' }).check();
  await form.getByRole('button', { name: 'Opprett integrasjon' }).click();
  await expect(page.locator('#client-id')).toHaveText(/^[0-9a-f-]{36}$/);
  made.clientId = (await page.locator('#client-id').textContent())?.trim() ?? '';

  await page.goto(`/portal/clients/keys?client=${encodeURIComponent(made.clientId)}`);
  await page.getByLabel('Lim inn offentlig nøkkel eller sertifikat').fill(enterpriseCertificate());
  await page.getByRole('button', { name: 'Legg til', exact: true }).click();
  await expect(page.getByRole('main').getByRole('article')).toHaveCount(1);

  made.prefix = `reflow-${stamp}`;
  await page.goto('/portal/prefixes');
  const request = page.getByRole('form', { name: 'Be om et nytt prefiks' });
  await request.getByLabel('Prefiks', { exact: true }).fill(made.prefix);
  await request.getByLabel('Hva skal det brukes til?', { exact: true })
    .fill('Et prefiks som reflow-testen ber om, med en begrunnelse som er lengre enn en linje på en telefon');
  await request.getByRole('button', { name: 'Send forespørsel' }).click();
  await expect(page.getByRole('main').getByText(made.prefix)).toBeVisible();
  await context.close();
});

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: HEIGHT } });

    test(`Bob's pages (Testbedrift AS, Leverandør AS) fit ${width} px`, async ({ page }) => {
      test.setTimeout(150_000);
      const client = encodeURIComponent(made.clientId);

      await page.goto('/portal');
      await checkPage(page, null, width, { heading: 'Demo-innlogging' });
      // an error page signed out: the public header
      await checkPage(page, '/portal/finnes-ikke', width, { status: 404, heading: 'Feil 404' });
      await login(page, 'Bob Utvikler');
      await actFor(page, TESTBEDRIFT.label);

      await checkPage(page, '/portal', width, { heading: 'Testbedrift AS' });
      await checkPage(page, '/portal/me', width);
      await checkPage(page, '/portal/clients', width, { heading: 'Integrasjoner' });
      await checkPage(page, '/portal/clients?inactive=true', width, { heading: 'Integrasjoner' });
      await checkPage(page, '/portal/clients/new', width, { heading: 'Ny integrasjon' });
      await checkPage(page, `/portal/clients/view?client=${client}`, width);
      await checkPage(page, `/portal/clients/view?client=${client}&section=scopes`, width);
      await checkPage(page, `/portal/clients/view?client=${client}&section=help`, width);
      await checkPage(page, `/portal/clients?q=reflow&type=maskinporten&status=all&sort=expiry`, width,
        { heading: 'Integrasjoner' });
      await checkPage(page, `/portal/clients/keys?client=${client}`, width);
      await test.step(`the question before a key is deleted at ${width} px`, async () => {
        await page.getByRole('button', { name: /^Fjern nøkkelen / }).first().click();
        const dialog = page.getByRole('dialog', { name: 'Er du sikker?' });
        await expect(dialog).toBeVisible();
        await expectNoSidewaysScroll(page);
        if (width <= 320) await expectNoAxeViolations(page);
        await dialog.getByRole('button', { name: 'Avbryt' }).click();
        await expect(dialog).toBeHidden();
      });
      await checkPage(page, `/portal/clients/deactivate?client=${client}`, width);
      await checkPage(page, `/portal/clients/view?client=${DEMO_CLIENT}`, width, { heading: 'testbedrift-lonn' });
      await checkPage(page, `/portal/clients/keys?client=${DEMO_CLIENT}`, width);
      await checkPage(page, '/portal/delegations', width);
      await checkPage(page, '/portal/scopes', width, { heading: 'Mine API' });
      await checkPage(page, '/portal/prefixes', width);
      await checkPage(page, '/portal/catalogue', width);
      await checkPage(page, '/portal/audit', width);
      // error pages in the portal's frame: an address no page has, and a page Bob may not see
      await checkPage(page, '/portal/finnes-ikke', width, { status: 404, heading: 'Feil 404' });
      await checkPage(page, '/portal/prefixes/requests', width, { status: 403, heading: 'Feil 403' });

      // Leverandør AS: the supplier, with a customer, and its organisation page (Bob manages its people)
      await actFor(page, 'Leverandør AS (311 654 306)');
      await checkPage(page, '/portal', width, { heading: 'Leverandør AS' });
      await checkPage(page, '/portal/clients', width, { heading: 'Integrasjoner' });
      await checkPage(page, `/portal/orgs/${LEVERANDOR.orgno}`, width, { heading: 'Leverandør AS' });
    });

    test(`Alice's pages (NAV, Digitaliseringsdirektoratet, the platform) fit ${width} px`, async ({ page }) => {
      test.setTimeout(150_000);
      const scope = encodeURIComponent(NAV_SCOPE);

      await login(page, 'Alice Admin');
      await actFor(page, NAV.label);
      await checkPage(page, '/portal', width, { heading: 'Arbeids- og velferdsetaten' });
      // the menu's badge: Bob's prefix request waits for Alice, the platform administrator
      await expect(page.getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: /^Forespørsler om prefiks \(\d+ ventende forespørsel(er)?\)$/ })).toBeVisible();
      await checkPage(page, '/portal/me', width);
      await checkPage(page, '/portal/scopes', width, { heading: 'Mine API' });
      await checkPage(page, '/portal/scopes/new', width, { heading: 'Nytt scope' });
      await checkPage(page, `/portal/scopes/view?scope=${scope}`, width, { heading: NAV_SCOPE });
      await checkPage(page, `/portal/scopes/view?scope=${scope}&section=edit`, width, { heading: NAV_SCOPE });
      await checkPage(page, '/portal/scopes?q=nav&status=active&accessible_for_all=false&sort=access', width,
        { heading: 'Mine API' });
      await checkPage(page, `/portal/scopes/deactivate?scope=${scope}`, width);
      await checkPage(page, `/portal/scopes/access?scope=${scope}`, width);
      await checkPage(page, `/portal/scopes/access/import?scope=${scope}`, width);

      await test.step('the import report', async () => {
        await page.getByLabel('Organisasjonsnumre', { exact: true })
          .fill(`${TESTBEDRIFT.orgno}\n974761076\n974761077\n974761076\nikke-et-nummer-men-et-langt-ord-uten-mellomrom`);
        await page.getByRole('button', { name: 'Sjekk listen' }).click();
        await checkPage(page, null, width);
      });

      await checkPage(page, `/portal/audit?scope=${scope}`, width);
      await checkPage(page, '/portal/audit', width);
      await checkPage(page, '/portal/audit?person=alice&action=access.granted&from=2000-01-01', width);
      await checkPage(page, '/portal/catalogue', width);
      await checkPage(page, '/portal/catalogue?owner=889640782&prefix=nav&q=arbeid', width);
      await checkPage(page, '/portal/prefixes', width);
      await checkPage(page, '/portal/prefixes/requests', width);
      await checkPage(page, '/portal/orgs', width);
      await checkPage(page, `/portal/orgs/${TESTBEDRIFT.orgno}`, width, { heading: 'Testbedrift AS' });
      await checkPage(page, `/portal/orgs/${LEVERANDOR.orgno}`, width, { heading: 'Leverandør AS' });
      await checkPage(page, `/portal/scopes/view?scope=${encodeURIComponent('nav:finnes.ikke')}`, width,
        { status: 404 });
      await checkPage(page, '/portal/finnes-ikke', width, { status: 404, heading: 'Feil 404' });
      await checkPage(page, '/errors', width);
      await checkPage(page, '/errors/MP-120', width);

      // Digitaliseringsdirektoratet: all three roles, so the dashboard has four cards with the longest role names
      await page.goto('/portal');
      await actFor(page, DIGDIR.label);
      await checkPage(page, '/portal', width, { heading: 'Digitaliseringsdirektoratet' });
      await checkPage(page, '/portal/me', width);
      await checkPage(page, '/portal/clients', width, { heading: 'Integrasjoner' });
      await checkPage(page, '/portal/delegations', width);
      await checkPage(page, `/portal/orgs/991825827`, width, { heading: 'Digitaliseringsdirektoratet' });
    });
  });
}
