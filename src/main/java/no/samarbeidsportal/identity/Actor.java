package no.samarbeidsportal.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Set;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.Unauthenticated;

/**
 * Who is acting in this request, for which organisation, and what they may do there: a person with a login session
 * (pages) or a machine with a bearer token (admin API). Services call {@link #require(Permission)} first.
 */
@RequestScoped
@Named("actor")
public class Actor {

    public enum Kind { PERSON, CLIENT, ANONYMOUS }

    /** The resolved facts of one request. {@code orgno} is null when a person has no organisation to act for. */
    record Resolved(Kind kind, String id, String name, Person person, String orgno, Organisation organisation,
            Set<Permission> permissions, List<Organisation> organisations, Set<Role> roles, boolean delegated,
            boolean supplied) {
    }

    @Inject
    ActorResolver resolver;

    private Resolved resolved;

    private Resolved resolved() {
        if (resolved == null) {
            resolved = resolver.resolve();
        }
        return resolved;
    }

    public Kind kind() {
        return resolved().kind();
    }

    public boolean isPerson() {
        return kind() == Kind.PERSON;
    }

    public boolean isAnonymous() {
        return kind() == Kind.ANONYMOUS;
    }

    /** The person's subject or the client's client_id: what the audit log records. */
    public String id() {
        return resolved().id();
    }

    public String name() {
        return resolved().name();
    }

    public Person person() {
        return resolved().person();
    }

    /** The acting organisation's number; every query is scoped to it. */
    public String orgno() {
        return resolved().orgno();
    }

    /** The acting organisation, when the portal knows it. */
    public Organisation org() {
        return resolved().organisation();
    }

    /** The organisations a person may act for, for the switcher. */
    public List<Organisation> organisations() {
        return resolved().organisations();
    }

    /** The person's roles in the acting organisation. */
    public Set<Role> roles() {
        return resolved().roles();
    }

    /** The roles there are, for the role picker. */
    public Role[] allRoles() {
        return Role.values();
    }

    public Set<Permission> permissions() {
        return resolved().permissions();
    }

    public boolean may(Permission permission) {
        return resolved().permissions().contains(permission);
    }

    /** For templates: {@code {#if actor.mayName('SCOPES_WRITE')}}. */
    public boolean mayName(String permission) {
        return may(Permission.valueOf(permission));
    }

    public boolean isPlatformAdmin() {
        return may(Permission.PLATFORM_ADMIN);
    }

    /** The actor must be logged in, act for an organisation and hold the permission there. */
    public void require(Permission permission) {
        requireLogin();
        if (resolved().delegated()) {
            // admin-api.md 2.2 Decision: no administration by consumer→supplier delegation
            throw new Forbidden("error.forbidden.delegated");
        }
        if (!may(permission)) {
            throw new Forbidden("error.forbidden.permission", permission.messageKey());
        }
        if (permission != Permission.PLATFORM_ADMIN && orgno() == null) {
            throw new Forbidden("error.forbidden.no-organisation");
        }
    }

    /** The actor must be logged in, whatever it may do; a supplier's client's token is never enough. */
    public void requireLogin() {
        if (isAnonymous()) {
            throw new Unauthenticated("error.unauthenticated");
        }
        if (resolved().supplied()) {
            // admin-api.md 2.5 Decision: a supplier's client acts for the customer at the customer's APIs, never as
            // its administrator; whatever scopes its token carries, the admin API refuses it
            throw new Forbidden("error.forbidden.supplier-token");
        }
    }
}
