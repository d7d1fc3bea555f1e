package no.samarbeidsportal.clients;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.Profile;

/**
 * What a consumer needs next, on the client page: the issuer and token endpoint, its client_id and kid, and token
 * requests ready to run (token-protocol.md: a JWT grant signed with the client's private key). A new client secret is
 * carried here the one time it is shown. {@code servedFrom} is the address the page was served on (scheme, host and
 * port), or null when unknown.
 */
public record TokenHelp(String issuer, String tokenEndpoint, String clientId, String kid, String scope,
        String clientSecret, String servedFrom, boolean issuerConfigured) {

    /** Help whose issuer is the configured one and whose page address is not known. */
    public TokenHelp(String issuer, String tokenEndpoint, String clientId, String kid, String scope,
            String clientSecret) {
        this(issuer, tokenEndpoint, clientId, kid, scope, clientSecret, null, true);
    }

    /** The file name the examples give the private key when the page does not know it. */
    public static final String KEY_FILE = "private.pem";

    /** For the client page: the Maskinporten profile's issuer, and the token endpoint as seen from {@code served}. */
    static TokenHelp of(Issuers issuers, ClientService.View view, String secret, URI served) {
        return of(issuers, view.client(), view.keys(), secret, served);
    }

    /** For the key page's generator: the examples for a key not made yet, its kid filled in by the browser. */
    public static TokenHelp forNewKey(Issuers issuers, Client client, URI served) {
        return of(issuers, client, List.of(), null, served);
    }

    private static TokenHelp of(Issuers issuers, Client client, List<ClientKey> keys, String secret, URI served) {
        return of(issuers.maskinporten(), issuers.maskinportenConfigured(), client, keys, secret, served);
    }

    static TokenHelp of(Profile profile, boolean configured, Client client, List<ClientKey> keys, String secret,
            URI served) {
        String origin = served == null || served.getHost() == null ? null : origin(served);
        // PORTAL_ISSUER unset: the default issuer is only a guess, so requests go where this page came from. The
        // issuer (aud) stays what the token service checks, byte for byte (token-protocol.md), else every grant fails.
        String endpoint = configured || origin == null ? profile.tokenEndpoint() : origin + profile.path() + "/token";
        TokenHelp help = of(profile.issuer(), endpoint, client, keys, secret);
        return new TokenHelp(help.issuer, help.tokenEndpoint, help.clientId, help.kid, help.scope, secret, origin,
                configured);
    }

    static TokenHelp of(String issuer, String tokenEndpoint, Client client, List<ClientKey> keys, String secret) {
        String kid = keys.isEmpty() ? "<kid>" : keys.get(keys.size() - 1).kid;
        String scope = client.scopes.isEmpty() ? "<scope>" : String.join(" ", client.scopes);
        return new TokenHelp(issuer, tokenEndpoint, client.clientId, kid, scope, secret);
    }

    /**
     * Whether the issuer names another address than the one this page was served on: tokens then carry an issuer
     * consumers may not reach, or the page was opened on an address consumers do not use.
     */
    public boolean issuerDiffers() {
        return servedFrom != null && !servedFrom.equals(origin(URI.create(issuer)));
    }

    /** The address a page was requested on, or null when the request's Host makes none (the help then uses the issuer). */
    public static URI served(jakarta.ws.rs.core.UriInfo uri) {
        try {
            return uri == null ? null : uri.getBaseUri();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** scheme://host[:port] in lower case, without a default port. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    public String curl() {
        return curl(KEY_FILE);
    }

    /** The curl example signing with the private key in {@code keyFile}. */
    public String curl(String keyFile) {
        return """
                # %6$s: the private key of the registered public key (kid %2$s)
                b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
                now=$(date +%%s)
                header=$(printf '{"alg":"RS256","kid":"%2$s"}' | b64)
                claims=$(printf '{"aud":"%1$s","iss":"%3$s","scope":"%4$s","iat":%%d,"exp":%%d,"jti":"%%s"}' \\
                  "$now" "$((now + 120))" "$(cat /proc/sys/kernel/random/uuid)" | b64)
                signature=$(printf '%%s.%%s' "$header" "$claims" | openssl dgst -sha256 -sign '%6$s' | b64)
                curl -s %5$s \\
                  -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer \\
                  -d assertion="$header.$claims.$signature"
                """.formatted(issuer, kid, clientId, scope, tokenEndpoint, keyFile);
    }

    public String java() {
        return """
                // com.nimbusds:nimbus-jose-jwt; privateKey: java.security.interfaces.RSAPrivateKey
                var grant = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("%2$s").build(),
                        new JWTClaimsSet.Builder()
                                .audience("%1$s").issuer("%3$s").claim("scope", "%4$s")
                                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 120_000))
                                .jwtID(UUID.randomUUID().toString()).build());
                grant.sign(new RSASSASigner(privateKey));
                var request = HttpRequest.newBuilder(URI.create("%5$s"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + grant.serialize()))
                        .build();
                String json = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
                """.formatted(issuer, kid, clientId, scope, tokenEndpoint);
    }

    public String node() {
        return """
                // npm install jose; privateKeyPem: the PKCS#8 private key (BEGIN PRIVATE KEY)
                import { SignJWT, importPKCS8 } from 'jose';
                import { randomUUID } from 'node:crypto';
                const key = await importPKCS8(privateKeyPem, 'RS256');
                const grant = await new SignJWT({ scope: '%4$s' })
                  .setProtectedHeader({ alg: 'RS256', kid: '%2$s' })
                  .setAudience('%1$s').setIssuer('%3$s')
                  .setIssuedAt().setExpirationTime('120s').setJti(randomUUID())
                  .sign(key);
                const response = await fetch('%5$s', {
                  method: 'POST',
                  body: new URLSearchParams({
                    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: grant }),
                });
                const { access_token } = await response.json();
                """.formatted(issuer, kid, clientId, scope, tokenEndpoint);
    }
}
