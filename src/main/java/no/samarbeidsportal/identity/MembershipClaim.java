package no.samarbeidsportal.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Organisations and roles a person has according to the login token, when configured: Ansattporten's
 * {@code authorization_details: [{resource, reportees: [{ID: "0192:<orgno>"}]}]} (admin-api.md 2.4).
 */
@ApplicationScoped
public class MembershipClaim {

    private final OrgsConfig.MembershipClaim config;

    MembershipClaim(OrgsConfig config) {
        this.config = config.membershipClaim();
    }

    Map<String, Set<Role>> rolesByOrg(JsonWebToken login) {
        Map<String, Set<Role>> result = new LinkedHashMap<>();
        if (!config.enabled() || login == null || !(login.getClaim("authorization_details") instanceof Iterable<?> details)) {
            return result;
        }
        for (Object detail : details) {
            if (!(detail instanceof Map<?, ?> entry) || !(entry.get("reportees") instanceof Iterable<?> reportees)) {
                continue;
            }
            String resource = text(entry.get("resource"));
            List<Role> roles = resource == null ? config.roles()
                    : config.resourceRoles().getOrDefault(resource, config.roles());
            for (Object reportee : reportees) {
                String id = reportee instanceof Map<?, ?> r ? text(r.get("ID")) : null;
                if (id != null && id.startsWith("0192:")) {
                    String orgno = id.substring(5);
                    if (OrgNumberValidator.isValid(orgno) && allowed(orgno)) {
                        result.computeIfAbsent(orgno, k -> EnumSet.noneOf(Role.class)).addAll(roles);
                    }
                }
            }
        }
        return result;
    }

    /** Claims arrive as JSON-P values from quarkus-oidc and as plain strings elsewhere. */
    private static String text(Object value) {
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String s ? s : null;
    }

    private boolean allowed(String orgno) {
        return config.allowedOrgnos().map(list -> list.contains(orgno)).orElse(true);
    }
}
