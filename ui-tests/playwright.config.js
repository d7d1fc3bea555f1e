// @ts-check
// Browser tests of the packaged portal: Playwright drives Debian's Chromium (it never downloads a browser).
//
//   apt-get install -y chromium          # once: /usr/bin/chromium
//   (cd .. && ./mvnw package)            # target/quarkus-app/quarkus-run.jar
//   PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci
//   npx playwright test
//
// Environment:
//   CHROMIUM_PATH  the browser binary (default /usr/bin/chromium)
//   PORTAL_JAR     the packaged app (default ../target/quarkus-app/quarkus-run.jar, relative to this folder)
//   UI_TEST_PORT   the port the app listens on during the run (default: a free one)
//   UI_TEST_MANAGEMENT_PORT  the app's management interface (health, metrics) during the run (default: a free one)
//   UI_TEST_SERVER_LOG=1  show the app's standard output (its log) too, not only its standard error
//
// Two projects: `chromium` runs every spec against the app with the built-in demo login; `keycloak` runs
// tests/keycloak-login.spec.js against a second app that logs in through a real Keycloak (support/keycloak.js; its
// own settings are described there). Playwright starts the three servers one after the other and stops them at the end.
const fs = require('node:fs');
const path = require('node:path');
const { defineConfig } = require('@playwright/test');
const keycloak = require('./support/keycloak');

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  throw new Error(
    `No Chromium at ${chromiumPath}. The UI tests use Debian's Chromium, not a Playwright download: ` +
      'run `apt-get update && apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.',
  );
}

// Free ports, chosen once per run (a fixed port can be taken); worker processes inherit them.
const freePort = () => require('node:child_process').execFileSync(process.execPath, ['-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })",
]).toString().trim();
process.env.UI_TEST_PORT ||= freePort();
process.env.UI_TEST_MANAGEMENT_PORT ||= freePort();
process.env.UI_TEST_KEYCLOAK_MANAGEMENT_PORT ||= freePort();
process.env.UI_TEST_SMTP_PORT ||= freePort();
const port = Number(process.env.UI_TEST_PORT);
const managementPort = Number(process.env.UI_TEST_MANAGEMENT_PORT);
const keycloakManagementPort = Number(process.env.UI_TEST_KEYCLOAK_MANAGEMENT_PORT);
const baseURL = `http://localhost:${port}`;
const jar = path.resolve(__dirname, process.env.PORTAL_JAR || '../target/quarkus-app/quarkus-run.jar');

// One fresh embedded database per run. The config is loaded again in each worker process; the run id travels
// to them in the environment so that every process agrees on it.
process.env.UI_TESTS_RUN_ID ||= new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-');
const dbDir = path.resolve(__dirname, '../target/ui-tests-db', process.env.UI_TESTS_RUN_ID);

/** Where the packaged app says it is ready: readiness lives on its management interface, not on the public port. */
function readyURL(managementPort) {
  return `http://127.0.0.1:${managementPort}/q/health/ready`;
}

/** The packaged app on `appPort` (management interface on `mgmtPort`) with demo data, its own embedded database
 * (`name`) and the given settings. */
function portal(appPort, mgmtPort, name, settings) {
  return {
    command: `java -jar "${jar}"`,
    url: readyURL(mgmtPort),
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets the app shut down and stop its embedded PostgreSQL; SIGKILL only if that takes over 15 s.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: process.env.UI_TEST_SERVER_LOG ? 'pipe' : 'ignore',
    stderr: 'pipe',
    env: {
      ...process.env,
      PORT: String(appPort),
      PORTAL_MANAGEMENT_PORT: String(mgmtPort),
      PORTAL_DB_CONTEXTS: 'demo',
      PORTAL_EMBEDDED_DB_DIR: path.join(dbDir, name),
      // the token service's issuer is what grants name in aud: this run's address
      PORTAL_ISSUER: `http://localhost:${appPort}/`,
      PORTAL_TOKEN_KEY_SECRET: 'ui-tests-only-token-key-secret-of-some-length',
      ...settings,
    },
  };
}

const chromium = {
  browserName: 'chromium',
  headless: true,
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

module.exports = defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL,
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    locale: 'nb-NO',
  },
  projects: [
    { name: 'chromium', testIgnore: keycloak.SPEC, use: chromium },
    { name: 'keycloak', testMatch: keycloak.SPEC, use: { ...chromium, baseURL: keycloak.portalURL } },
  ],
  webServer: [
    // demo mode as a person trying it runs it: notices e-mailed at once to the embedded SMTP server (issue 16)
    { name: 'portal', ...portal(port, managementPort, 'demo-login', { PORTAL_DEV_LOGIN_ENABLED: 'true',
      PORTAL_MAIL_EMBEDDED: 'true', PORTAL_MAIL_EMBEDDED_PORT: process.env.UI_TEST_SMTP_PORT,
      PORTAL_MAIL_SEND_EVERY: '1s',
      // webhooks (issue 17): tests/webhooks.spec.js's receiver listens on 127.0.0.1; deliveries go out at once
      PORTAL_WEBHOOKS_ALLOWED_PRIVATE_HOSTS: '127.0.0.1', PORTAL_WEBHOOKS_SEND_EVERY: '1s' }) },
    keycloak.keycloakServer(),
    { name: 'portal (Keycloak)', ...portal(keycloak.portalPort, keycloakManagementPort, 'keycloak', keycloak.portalSettings()) },
  ],
});
