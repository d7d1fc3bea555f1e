package no.samarbeidsportal.scopes;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/** A client's integration type, by its wire name (admin-api.md 6.1); scopes list the ones they allow. */
public enum IntegrationType {
    MASKINPORTEN("maskinporten"),
    IDPORTEN("idporten"),
    API_KLIENT("api_klient"),
    ANSATTPORTEN("ansattporten"),
    KRR("krr");

    private final String wireName;

    IntegrationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public String messageKey() {
        return "client.type." + wireName;
    }

    /**
     * A scope's {@code allowed_integration_types} allows a client of the type (admin-api.md 6.4): an empty list allows
     * every type. The portal's pages, the admin API and the token service all decide with this.
     */
    public static boolean allowedBy(Collection<String> allowedTypes, String type) {
        return allowedTypes.isEmpty() || allowedTypes.contains(type);
    }

    /** The type with this wire name; {@code eformidling} and {@code idporten_saml2} are reserved and not offered. */
    public static Optional<IntegrationType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
