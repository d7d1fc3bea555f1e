package no.samarbeidsportal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Ansattporten's authorization_details as quarkus-oidc hands it over: JSON-P values. */
@QuarkusTest
class MembershipClaimTest {

    @Inject
    MembershipClaim claim;

    @Test
    void readsReporteesPerAltinnResource() {
        JsonArray details = Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("type", "ansattporten:altinn:resource")
                        .add("resource", "urn:altinn:resource:2480:40")
                        .add("reportees", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("Rights", Json.createArrayBuilder().add("read"))
                                        .add("Authority", "iso6523-actorid-upis").add("ID", "0192:310000019")
                                        .add("Name", "Org A AS"))))
                .add(Json.createObjectBuilder()
                        .add("resource", "urn:altinn:resource:5613:1")
                        .add("reportees", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("ID", "0192:310000027"))
                                .add(Json.createObjectBuilder().add("ID", "0192:123456789"))
                                .add(Json.createObjectBuilder().add("ID", "9908:310000035"))))
                .build();

        Map<String, Set<Role>> roles = claim.rolesByOrg(token(Map.of("authorization_details", details)));

        assertEquals(Set.of(Role.API_ADMIN), roles.get("310000019"));
        assertEquals(Set.of(Role.API_ADMIN, Role.INTEGRATION_ADMIN), roles.get("310000027"));
        // a bad check digit and another identifier scheme are ignored
        assertEquals(Set.of("310000019", "310000027"), roles.keySet());
    }

    @Test
    void aLoginWithoutTheClaimGivesNothing() {
        assertTrue(claim.rolesByOrg(token(Map.of())).isEmpty());
        assertTrue(claim.rolesByOrg(null).isEmpty());
    }

    private static JsonWebToken token(Map<String, Object> claims) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
