package no.samarbeidsportal.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.samarbeidsportal.system.CurrentRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Resolves the {@link Actor}: a machine from its verified bearer token (organisation = consumer.ID), or a person from
 * the login session, the portal's memberships (and optionally the login's membership claim) and the organisation
 * chosen in the header switcher (a cookie, re-checked on every request).
 */
@ApplicationScoped
public class ActorResolver {

    public static final String ORG_COOKIE = "portal-org";

    private final Instance<SecurityIdentity> identity;
    private final MembershipClaim membershipClaim;
    private final Clock clock;
    private final List<String> platformAdmins;

    ActorResolver(Instance<SecurityIdentity> identity, MembershipClaim membershipClaim, Clock clock,
            OrgsConfig config) {
        this.identity = identity;
        this.platformAdmins = config.platformAdmins().orElse(List.of());
        this.membershipClaim = membershipClaim;
        this.clock = clock;
    }

    Actor.Resolved resolve() {
        SecurityIdentity id = identity.get();
        if (id == null || id.isAnonymous()) {
            return new Actor.Resolved(Actor.Kind.ANONYMOUS, null, null, null, null, null, Set.of(), List.of(),
                    Set.of(), false, false);
        }
        if (id.getAttribute(MachineIdentity.ORGNO) != null
                || id.getAttribute(MachineIdentity.SCOPES) != null) {
            return machine(id);
        }
        return person(id);
    }

    private static Actor.Resolved machine(SecurityIdentity id) {
        String orgno = id.getAttribute(MachineIdentity.ORGNO);
        Set<String> scopes = id.getAttribute(MachineIdentity.SCOPES);
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (Boolean.TRUE.equals(id.getAttribute(MachineIdentity.USER_TOKEN))) {
            // admin-api.md 2.4: a person's user token reads what the organisation was granted, nothing more
            permissions.add(Permission.GRANTS_READ);
        } else {
            scopes.forEach(s -> permissions.addAll(Permission.ofTokenScope(s)));
        }
        boolean delegated = Boolean.TRUE.equals(id.getAttribute(MachineIdentity.DELEGATED));
        boolean supplied = Boolean.TRUE.equals(id.getAttribute(MachineIdentity.SUPPLIED));
        Organisation org = orgno == null ? null : Organisation.findById(orgno);
        return new Actor.Resolved(Actor.Kind.CLIENT, id.getPrincipal().getName(), id.getPrincipal().getName(), null,
                orgno, org, Set.copyOf(permissions), org == null ? List.of() : List.of(org), Set.of(), delegated,
                supplied);
    }

    private Actor.Resolved person(SecurityIdentity id) {
        String subject = id.getPrincipal().getName();
        JsonWebToken login = id.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        String displayName = login == null ? null : login.getClaim("name");
        Person person = Person.bySubject(subject).orElseGet(() -> firstLogin(subject, displayName));

        Map<String, Set<Role>> rolesByOrg = new LinkedHashMap<>();
        Map<String, Organisation> orgs = new LinkedHashMap<>();
        for (Membership m : Membership.ofPerson(person)) {
            orgs.put(m.organisation.orgno, m.organisation);
            rolesByOrg.computeIfAbsent(m.organisation.orgno, k -> EnumSet.noneOf(Role.class)).add(m.role);
        }
        membershipClaim.rolesByOrg(login).forEach((orgno, roles) -> {
            Organisation org = Organisation.findById(orgno);
            if (org != null) {
                orgs.put(orgno, org);
                rolesByOrg.computeIfAbsent(orgno, k -> EnumSet.noneOf(Role.class)).addAll(roles);
            }
        });
        List<Organisation> organisations = orgs.values().stream()
                .sorted(Comparator.comparing((Organisation o) -> o.name.toLowerCase()))
                .toList();

        String orgno = chosenOrganisation(organisations, person);
        Set<Role> roles = orgno == null ? Set.of() : Set.copyOf(rolesByOrg.get(orgno));
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        roles.forEach(r -> permissions.addAll(r.permissions()));
        if (person.platformAdmin || platformAdmins.contains(subject)) {
            permissions.add(Permission.PLATFORM_ADMIN);
        }
        return new Actor.Resolved(Actor.Kind.PERSON, subject, person.displayName(), person, orgno,
                orgno == null ? null : orgs.get(orgno), Set.copyOf(permissions), organisations, roles, false, false);
    }

    /**
     * This browser's choice, else the one the person last chose anywhere (so a new login lands there), else the first;
     * a choice counts only while the person still has a role in that organisation.
     */
    private String chosenOrganisation(List<Organisation> organisations, Person person) {
        if (organisations.isEmpty()) {
            return null;
        }
        HttpServerRequest http = CurrentRequest.get();
        Cookie chosen = http == null ? null : http.getCookie(ORG_COOKIE);
        for (String candidate : new String[] {chosen == null ? null : chosen.getValue(), person.lastOrgno}) {
            for (Organisation o : organisations) {
                if (o.orgno.equals(candidate)) {
                    return o.orgno;
                }
            }
        }
        return organisations.get(0).orgno;
    }

    private Person firstLogin(String subject, String displayName) {
        // a person is known from their first login on, so an organisation's administrator can grant them roles
        return QuarkusTransaction.requiringNew().call(() -> Person.bySubject(subject).orElseGet(() -> {
            Person p = new Person();
            p.subject = subject;
            p.name = displayName;
            p.created = clock.instant();
            p.persist();
            return p;
        }));
    }
}
