package no.samarbeidsportal.clients;

import java.util.List;
import no.samarbeidsportal.system.Issuers;

/**
 * What a consumer needs next, on the client page: the issuer and token endpoint, its client_id and kid, and token
 * requests ready to run (token-protocol.md: a JWT grant signed with the client's private key). A new client secret is
 * carried here the one time it is shown.
 */
public record TokenHelp(String issuer, String tokenEndpoint, String clientId, String kid, String scope,
        String clientSecret) {

    /** For the client page: the Maskinporten profile's issuer and token endpoint. */
    static TokenHelp of(Issuers issuers, ClientService.View view, String secret) {
        return of(issuers.maskinporten().issuer(), issuers.maskinporten().tokenEndpoint(), view.client(), view.keys(),
                secret);
    }

    static TokenHelp of(String issuer, String tokenEndpoint, Client client, List<ClientKey> keys, String secret) {
        String kid = keys.isEmpty() ? "<kid>" : keys.get(keys.size() - 1).kid;
        String scope = client.scopes.isEmpty() ? "<scope>" : String.join(" ", client.scopes);
        return new TokenHelp(issuer, tokenEndpoint, client.clientId, kid, scope, secret);
    }

    public String curl() {
        return """
                # private.pem: the private key of the registered public key (kid %2$s)
                b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
                now=$(date +%%s)
                header=$(printf '{"alg":"RS256","kid":"%2$s"}' | b64)
                claims=$(printf '{"aud":"%1$s","iss":"%3$s","scope":"%4$s","iat":%%d,"exp":%%d,"jti":"%%s"}' \\
                  "$now" "$((now + 120))" "$(cat /proc/sys/kernel/random/uuid)" | b64)
                signature=$(printf '%%s.%%s' "$header" "$claims" | openssl dgst -sha256 -sign private.pem | b64)
                curl -s %5$s \\
                  -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer \\
                  -d assertion="$header.$claims.$signature"
                """.formatted(issuer, kid, clientId, scope, tokenEndpoint);
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
