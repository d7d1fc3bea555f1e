package no.samarbeidsportal.keys;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.clients.ClientKey;

/**
 * A client's key set on the wire (admin-api.md 3.7): each key's public JWK with {@code exp} as a JSON number of epoch
 * seconds, then when the set was last changed and first made. Posted back as it is, it keeps every key as it was.
 */
@JsonPropertyOrder({"keys", "last_updated", "created"})
public record KeyJson(List<Map<String, Object>> keys, Instant lastUpdated, Instant created) {

    static KeyJson of(KeyService.KeySet set) {
        return new KeyJson(set.keys().stream().map(KeyJson::jwk).toList(), set.lastUpdated(), set.created());
    }

    static Map<String, Object> jwk(ClientKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>(key.jwk);
        jwk.put("exp", key.expires.getEpochSecond());
        return jwk;
    }

    /** A key that expires soon, and whose client it is. */
    @JsonPropertyOrder({"client_id", "client_name", "client_orgno", "kid", "exp", "certificate_subject",
        "certificate_not_after"})
    public record Expiring(String clientId, String clientName, String clientOrgno, String kid, long exp,
            String certificateSubject, Instant certificateNotAfter) {

        static Expiring of(ClientKey key) {
            return new Expiring(key.client.clientId, key.client.clientName, key.client.clientOrgno, key.kid,
                    key.expires.getEpochSecond(), key.certificateSubject, key.certificateNotAfter);
        }
    }
}
