package no.samarbeidsportal.identity;

import java.util.EnumSet;
import java.util.Set;

/** What an actor may do for its acting organisation; roles (people) and token scopes (machines) map to these. */
public enum Permission {
    SCOPES_READ,
    SCOPES_WRITE,
    CLIENTS_READ,
    CLIENTS_MODIFY,
    CLIENTS_WRITE,
    SUPPLIER,
    /** Add, change and remove the onbehalfof entries of the organisation's own ID-porten clients (admin-api.md 3.8). */
    ONBEHALFOF_WRITE,
    ROLES_MANAGE,
    /** See which scopes the organisation has been granted ({@code GET /scopes/access/all}). */
    GRANTS_READ,
    /** See the organisation's own change history. */
    AUDIT_READ,
    /** Keep the organisation's notice contacts: the addresses its notices go to per topic (issue 16). */
    NOTICES_MANAGE,
    /** Operator: creates organisations, assigns prefixes, grants roles anywhere. */
    PLATFORM_ADMIN;

    public String messageKey() {
        return "permission." + name();
    }

    /** admin-api.md 2.3: the token scopes and what they grant. */
    public static Set<Permission> ofTokenScope(String scope) {
        return switch (scope) {
            case "idporten:dcr.read" -> EnumSet.of(CLIENTS_READ, GRANTS_READ, AUDIT_READ);
            case "idporten:dcr.modify" -> EnumSet.of(CLIENTS_READ, CLIENTS_MODIFY, AUDIT_READ);
            case "idporten:dcr.write" -> EnumSet.of(CLIENTS_READ, CLIENTS_MODIFY, CLIENTS_WRITE, GRANTS_READ, AUDIT_READ,
                    NOTICES_MANAGE);
            case "idporten:dcr.supplier" -> EnumSet.of(CLIENTS_READ, SUPPLIER, AUDIT_READ);
            // onbehalfof entries and nothing else: not even the client they belong to
            case "idporten:dcr/onbehalfof:write" -> EnumSet.of(ONBEHALFOF_WRITE);
            case "idporten:scopes.read" -> EnumSet.of(SCOPES_READ, GRANTS_READ, AUDIT_READ);
            case "idporten:scopes.write" -> EnumSet.of(SCOPES_READ, SCOPES_WRITE, GRANTS_READ, AUDIT_READ,
                    NOTICES_MANAGE);
            default -> EnumSet.noneOf(Permission.class);
        };
    }
}
