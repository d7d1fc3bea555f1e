// @ts-check
// Log in and out through a real Keycloak (support/keycloak.js: the server distribution, with the compose file's
// realm) as the compose set-up does it, then replay the cookies saved while logged in: they must not log anyone in.
const { test, expect } = require('@playwright/test');
const { expectNoAxeViolations } = require('../support/axe');
const { keycloakVersions, realmURL, realmUser } = require('../support/keycloak');

const ORGANISATIONS_OF_ALICE = [
  'Arbeids- og velferdsetaten (889 640 782)',
  'Digitaliseringsdirektoratet (991 825 827)',
  'Skatteetaten (974 761 076)',
];

const alice = realmUser('alice');

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Keycloak's login form for the portal's client: the browser has been sent to the realm's authorization endpoint.
 * `why` says what it means when the browser is somewhere else.
 */
async function expectKeycloakLoginForm(page, why) {
  await expect(page, why).toHaveURL(new RegExp(`^${escapeRegExp(`${realmURL}/protocol/openid-connect/auth?`)}`));
  await expect(page.locator('#username')).toBeEditable();
  await expect(page.locator('#password')).toBeEditable();
}

/** The portal's dashboard for alice: her name in the banner and her organisations in the switcher. */
async function expectAlicesDashboard(page) {
  await expect(page).toHaveURL(/\/portal\/?$/);
  const banner = page.getByRole('banner');
  await expect(banner).toContainText(alice.name);
  await expect(page.getByRole('combobox', { name: 'Handler på vegne av' }).locator('option'))
    .toHaveText(ORGANISATIONS_OF_ALICE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arbeids- og velferdsetaten');
}

test('log in and out through Keycloak; the cookies of the ended session no longer work', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  /** @type {import('@playwright/test').Cookie[]} */
  let loggedIn = [];

  await test.step('the portal sends the browser to Keycloak; alice logs in with her password', async () => {
    await page.goto('/portal');
    await expectKeycloakLoginForm(page, 'the portal sends a visitor without a session to Keycloak');

    await page.locator('#username').fill(alice.username);
    await page.locator('#password').fill(alice.password);
    await page.locator('#kc-login').click();

    await expectAlicesDashboard(page);
    await expectNoAxeViolations(page);
    loggedIn = await context.cookies();
    // the portal's session is in these cookies: without them the replay below would prove nothing
    expect(loggedIn.map((c) => c.name)).toContain('q_session');
  });

  await test.step('Logg ut ends the session at Keycloak too: the portal asks for the password again', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Logg ut' }).click();

    await expectKeycloakLoginForm(page, 'after Logg ut, /portal asks Keycloak for a login again, and Keycloak ' +
      'asks for the password (its session has ended)');
    await expect(page.getByRole('banner')).not.toContainText(alice.name);
  });

  await test.step('the cookies saved before logging out do not log anyone in', async () => {
    const replay = await browser.newContext();
    await replay.addCookies(loggedIn);
    const again = await replay.newPage();
    await again.goto('/portal');

    await expectKeycloakLoginForm(again, 'the session cookies saved before Logg ut must no longer be accepted, ' +
      'and Keycloak\'s saved cookie must not log alice in again');
    await expect(again.getByText(alice.name)).toHaveCount(0);
    await replay.close();
  });

  await context.close();
});

test('docker/compose.yaml runs the Keycloak version this test logs in through', () => {
  const { dist, compose } = keycloakVersions();
  expect(dist).toMatch(/^\d+\.\d+\.\d+/);
  expect(compose, 'the image tag of the keycloak service in docker/compose.yaml').toBe(dist);
});
