package no.samarbeidsportal.identity;

import java.util.EnumSet;
import java.util.Set;

/** A person's role in an organisation, in Digdir's terms (admin-api.md 2.4). */
public enum Role {
    /** Administers the organisation's people and their roles ("tilgangsstyrer"). */
    ORG_ADMIN(EnumSet.of(Permission.ROLES_MANAGE, Permission.AUDIT_READ, Permission.NOTICES_MANAGE)),
    /** "Selvbetjening av APIer": scopes and access lists. */
    API_ADMIN(EnumSet.of(Permission.SCOPES_READ, Permission.SCOPES_WRITE, Permission.GRANTS_READ,
            Permission.AUDIT_READ)),
    /** "Selvbetjening av integrasjoner": clients, keys and the onbehalfof entries of ID-porten clients. */
    INTEGRATION_ADMIN(EnumSet.of(Permission.CLIENTS_READ, Permission.CLIENTS_MODIFY, Permission.CLIENTS_WRITE,
            Permission.ONBEHALFOF_WRITE, Permission.GRANTS_READ, Permission.AUDIT_READ)),
    /** "Selvbetjening for leverandører": clients for customers. */
    SUPPLIER(EnumSet.of(Permission.CLIENTS_READ, Permission.SUPPLIER, Permission.AUDIT_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public String messageKey() {
        return "role." + name();
    }
}
