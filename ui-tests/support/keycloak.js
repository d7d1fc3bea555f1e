// @ts-check
// A real Keycloak for tests/keycloak-login.spec.js, and the settings of a second portal that logs in through it.
//
// Keycloak is its server distribution from Maven Central (org.keycloak:keycloak-quarkus-dist), which `./mvnw verify`
// unpacks into target/keycloak/ before the browser tests (alone: `./mvnw -o dependency:unpack@keycloak-dist`). It runs
// in dev mode on a free port with an in-memory database, and imports docker/keycloak/realm.json, the compose file's
// realm, as it is: the realm's redirect addresses name ${PORTAL_BASE_URL}, which Keycloak fills in at import. The
// portal gets the login settings of docker/compose.yaml's app (client, secret, principal claim, scopes), so a realm
// and a compose file that disagree fail this test.
//
// Environment:
//   KEYCLOAK_HOME       the unpacked distribution (default: the one under ../target/keycloak/)
//   KEYCLOAK_JAVA_HOME  a Java 21+ for Keycloak (default: the newest Java 21+ in JAVA_HOME or /usr/lib/jvm)
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const REALM_FILE = path.join(ROOT, 'docker/keycloak/realm.json');
const COMPOSE_FILE = path.join(ROOT, 'docker/compose.yaml');

/** The spec that runs against this Keycloak (its own Playwright project; the others run against the demo login). */
const SPEC = /keycloak-login\.spec\.js$/;

/** `count` free ports, none of them in `taken`, held together so that they differ from each other. */
function freePorts(count, taken) {
  for (;;) {
    const ports = JSON.parse(childProcess.execFileSync(process.execPath, ['-e', `
      const net = require('node:net');
      const servers = Array.from({ length: ${count} }, () => net.createServer());
      Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, '127.0.0.1', ok)))).then(() => {
        console.log(JSON.stringify(servers.map((s) => s.address().port)));
        servers.forEach((s) => s.close());
      });`]).toString());
    if (!ports.some((p) => taken.includes(String(p)))) return ports.map(String);
  }
}

// Chosen once per run; worker processes inherit them.
if (!process.env.UI_TEST_KEYCLOAK_PORT || !process.env.UI_TEST_KEYCLOAK_PORTAL_PORT) {
  [process.env.UI_TEST_KEYCLOAK_PORT, process.env.UI_TEST_KEYCLOAK_PORTAL_PORT] =
    freePorts(2, [process.env.UI_TEST_PORT || '']);
}
const keycloakPort = Number(process.env.UI_TEST_KEYCLOAK_PORT);
const portalPort = Number(process.env.UI_TEST_KEYCLOAK_PORTAL_PORT);
const keycloakURL = `http://localhost:${keycloakPort}`;
/** The portal that logs in through Keycloak. */
const portalURL = `http://localhost:${portalPort}`;

const realmJson = JSON.parse(fs.readFileSync(REALM_FILE, 'utf8'));
const realm = /** @type {string} */ (realmJson.realm);
/** Keycloak's address of the realm: the OIDC issuer. */
const realmURL = `${keycloakURL}/realms/${realm}`;

/** A user of the realm file, with the password it sets. */
function realmUser(username) {
  const user = (realmJson.users || []).find((u) => u.username === username);
  const password = user?.credentials?.find((c) => c.type === 'password')?.value;
  if (!user || !password) throw new Error(`${REALM_FILE} has no user ${username} with a password`);
  return { username, password, email: user.email, name: `${user.firstName} ${user.lastName}` };
}

/** The value of `key` in docker/compose.yaml (the app's environment: each key is set there once). */
function composeSetting(key) {
  const match = fs.readFileSync(COMPOSE_FILE, 'utf8').match(new RegExp(`^\\s+${key}:\\s*"?([^"#\\n]*?)"?\\s*$`, 'm'));
  if (!match) throw new Error(`${COMPOSE_FILE} does not set ${key} (the Keycloak test takes the app's login settings from it)`);
  return match[1];
}

/** The unpacked Keycloak distribution. */
function keycloakHome() {
  if (process.env.KEYCLOAK_HOME) return path.resolve(process.env.KEYCLOAK_HOME);
  const parent = path.join(ROOT, 'target/keycloak');
  const found = fs.existsSync(parent)
    ? fs.readdirSync(parent).filter((d) => /^keycloak-\d/.test(d))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true })) : [];
  if (found.length === 0) {
    throw new Error(`Keycloak's server distribution is not in ${parent}: \`./mvnw verify\` unpacks it before the ` +
      'browser tests; alone: `./mvnw -o dependency:unpack@keycloak-dist` (online the first time). Or set KEYCLOAK_HOME.');
  }
  return path.join(parent, found[found.length - 1]);
}

/** The version of the unpacked distribution and the one docker/compose.yaml runs (its image tag). */
function keycloakVersions() {
  const dist = fs.readFileSync(path.join(keycloakHome(), 'version.txt'), 'utf8').match(/Version (\S+)/)?.[1];
  const compose = fs.readFileSync(COMPOSE_FILE, 'utf8').match(/^\s+image:\s*quay\.io\/keycloak\/keycloak:(\S+)\s*$/m)?.[1];
  return { dist, compose };
}

/** The major version of the Java in `home` (from its `release` file), or 0. */
function javaVersion(home) {
  try {
    const version = fs.readFileSync(path.join(home, 'release'), 'utf8').match(/^JAVA_VERSION="(\d+)/m);
    return version ? Number(version[1]) : 0;
  } catch {
    return 0;
  }
}

/** A Java for Keycloak 26, which needs 21 or later (the portal itself runs on the build's Java). */
function keycloakJava() {
  if (process.env.KEYCLOAK_JAVA_HOME) return process.env.KEYCLOAK_JAVA_HOME;
  const jvms = '/usr/lib/jvm';
  const candidates = [process.env.JAVA_HOME || '',
    ...(fs.existsSync(jvms) ? fs.readdirSync(jvms).map((d) => path.join(jvms, d)) : [])];
  const best = candidates.filter(Boolean).map((home) => ({ home, version: javaVersion(home) }))
    .filter((j) => j.version >= 21).sort((a, b) => b.version - a.version)[0];
  if (!best) {
    throw new Error('Keycloak 26 needs Java 21 or later, and none is in JAVA_HOME or /usr/lib/jvm: install one ' +
      '(.ci/run installs Temurin 25) or set KEYCLOAK_JAVA_HOME.');
  }
  return best.home;
}

/** Playwright's webServer entry for Keycloak, ready when the realm's discovery document answers. */
function keycloakServer() {
  const home = keycloakHome();
  const runDir = path.resolve(ROOT, 'target/ui-tests-db', process.env.UI_TESTS_RUN_ID || 'keycloak');
  return {
    name: 'Keycloak',
    // a fresh import folder with the compose file's realm; dev mode on an in-memory database, so every run imports
    // it anew (an existing realm is never re-imported)
    command: `rm -rf data/import && mkdir -p data/import && cp "${REALM_FILE}" data/import/ && ` +
      `exec bin/kc.sh start-dev --http-port=${keycloakPort} --import-realm --db=dev-mem ` +
      `--log=console,file --log-file="${path.join(runDir, 'keycloak.log')}"`,
    cwd: home,
    url: `${realmURL}/.well-known/openid-configuration`,
    // the first start after unpacking also builds Keycloak's dev configuration (about 35 s, once)
    timeout: 150_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: process.env.UI_TEST_SERVER_LOG ? 'pipe' : 'ignore',
    stderr: 'pipe',
    env: {
      ...process.env,
      JAVA_HOME: keycloakJava(),
      JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m',
      // the portal's address in the realm's redirect URIs (compose: its default, http://localhost:8080)
      PORTAL_BASE_URL: portalURL,
    },
  };
}

/** The settings of the portal that logs in through this Keycloak: compose's, with this run's Keycloak address. */
function portalSettings() {
  return {
    QUARKUS_OIDC_AUTH_SERVER_URL: `${keycloakURL}${new URL(composeSetting('QUARKUS_OIDC_AUTH_SERVER_URL')).pathname}`,
    QUARKUS_OIDC_CLIENT_ID: composeSetting('QUARKUS_OIDC_CLIENT_ID'),
    QUARKUS_OIDC_CREDENTIALS_SECRET: composeSetting('QUARKUS_OIDC_CREDENTIALS_SECRET'),
    PORTAL_OIDC_PRINCIPAL_CLAIM: composeSetting('PORTAL_OIDC_PRINCIPAL_CLAIM'),
    QUARKUS_OIDC_AUTHENTICATION_SCOPES: composeSetting('QUARKUS_OIDC_AUTHENTICATION_SCOPES'),
  };
}

module.exports = { SPEC, keycloakURL, realmURL, portalPort, portalURL, realmUser, keycloakServer, portalSettings,
  keycloakVersions };
