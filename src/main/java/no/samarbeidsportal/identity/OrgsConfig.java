package no.samarbeidsportal.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who may act for which organisation: trusted token issuers for machines, optional membership claims for people. */
@ConfigMapping(prefix = "portal.orgs")
public interface OrgsConfig {

    /** Issuers whose bearer tokens the admin API trusts (admin-api.md 2.1), by a name of the operator's choice. */
    Map<String, TrustedIssuer> trustedIssuers();

    /** Allowed clock difference when checking a bearer token's exp and nbf. */
    @WithDefault("10s")
    Duration clockSkew();

    /** Login subjects that are platform administrators, besides those marked so in the database (bootstrap). */
    Optional<List<String>> platformAdmins();

    /** Membership taken from the login token in addition to the portal's database. */
    MembershipClaim membershipClaim();

    interface TrustedIssuer {

        /** The token's {@code iss}, exactly, e.g. {@code https://maskinporten.no/}. */
        String issuer();

        /** The issuer's JWKS, e.g. {@code https://maskinporten.no/jwk}; cached, refreshed on an unknown kid. */
        String jwksUrl();
    }

    interface MembershipClaim {

        /** Read Ansattporten-style {@code authorization_details[].reportees[].ID = "0192:<orgno>"} from the login. */
        @WithDefault("false")
        boolean enabled();

        /** Roles a person gets in each organisation the claim names (when the entry names no mapped resource). */
        @WithDefault("API_ADMIN,INTEGRATION_ADMIN")
        List<Role> roles();

        /** Roles per Altinn resource in the entry, e.g. {@code "urn:altinn:resource:2480:40"=API_ADMIN}. */
        Map<String, List<Role>> resourceRoles();

        /** Only these organisations are accepted from the claim (empty: any the portal knows). */
        Optional<List<String>> allowedOrgnos();
    }
}
