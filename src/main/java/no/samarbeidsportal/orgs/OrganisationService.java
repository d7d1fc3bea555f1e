package no.samarbeidsportal.orgs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Membership;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.identity.Person;
import no.samarbeidsportal.identity.Role;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.register.OrgName;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.scopes.prefixes.ScopePrefix;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Like;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/** Organisations, the people in them and their roles. */
@ApplicationScoped
public class OrganisationService {

    /** An organisation with its people and prefixes, for its administration page. */
    public record Detail(Organisation organisation, List<Membership> memberships, List<ScopePrefix> prefixes,
            boolean platformView, List<SupplierAppointment> suppliers, List<SupplierAppointment> customers) {
    }

    private final Actor actor;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;
    private final OrgNames orgNames;

    private static final String SUBMISSION = "organisation";

    private static final String SUBMISSION_ROLE = "membership";

    @jakarta.inject.Inject
    no.samarbeidsportal.system.Submissions submissions;

    OrganisationService(Actor actor, Validator validator, Audit audit, Clock clock, OrgNames orgNames) {
        this.orgNames = orgNames;
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The organisation a person switches to must be one they have a role in; it is remembered as theirs (never anyone
     * else's), so that their next login lands there.
     */
    @Transactional
    public Organisation switchTo(String orgno) {
        actor.requireLogin();
        Organisation org = actor.organisations().stream().filter(o -> o.orgno.equals(orgno)).findFirst()
                .orElseThrow(() -> new NotFound("error.organisation.not-found"));
        if (actor.person() != null) {
            // the person's own preference, not a change to an organisation: no audit line in anyone's history
            Person.update("lastOrgno = ?1 where id = ?2", org.orgno, actor.person().id);
        }
        return org;
    }

    /** Every organisation, for the platform administrator. */
    public List<Organisation> all() {
        return search("", 0).organisations();
    }

    /** One page of the platform's organisations whose name or number contains {@code text}, by name. */
    public Search search(String text, int page) {
        actor.require(Permission.PLATFORM_ADMIN);
        String q = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        var query = Organisation.find("lower(name) like ?1 escape '\\' or orgno like ?2 escape '\\' "
                + "order by lower(name)", Like.contains(q), Like.startsWith(OrgNumbers.normalise(q)));
        int safePage = no.samarbeidsportal.system.Paging.page(page, Search.PAGE_SIZE);
        return new Search(query.page(io.quarkus.panache.common.Page.of(safePage, Search.PAGE_SIZE)).list(),
                query.count(), safePage);
    }

    /** A page of the organisation list. */
    public record Search(List<Organisation> organisations, long total, int page) {

        public static final int PAGE_SIZE = 50;

        public int pages() {
            return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        }

        public boolean hasNext() {
            return page + 1 < pages();
        }
    }

    /**
     * What the register knows of a number typed into the "register organisation" form, to fill in its name; the
     * platform administrator's. Empty when the number is not nine digits or no source knows it.
     */
    public java.util.Optional<OrgName> lookUp(String typed) {
        actor.require(Permission.PLATFORM_ADMIN);
        String orgno = OrgNumbers.normalise(typed);
        if (orgno == null || !orgno.matches("[0-9]{9}")) {
            return java.util.Optional.empty();
        }
        orgNames.load(List.of(orgno));
        return orgNames.get(orgno);
    }

    /** Registers an organisation from the page's form; a repeat of the form's {@code submission} answers with the first. */
    @Transactional
    public Organisation create(NewOrganisation cmd, String submission) {
        java.util.Optional<Organisation> earlier = submissions.claim(actor.orgno(), SUBMISSION, submission)
                .flatMap(Organisation::<Organisation>findByIdOptional);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Organisation org = create(cmd);
        submissions.made(actor.orgno(), SUBMISSION, submission, org.orgno);
        return org;
    }

    /** Registers an organisation; only the platform administrator may, and the number must pass MOD11. */
    @Transactional
    public Organisation create(NewOrganisation cmd) {
        actor.require(Permission.PLATFORM_ADMIN);
        Violations violations = Violations.of(validator, cmd, "Organisation");
        if (!violations.has("orgno") && Organisation.findById(cmd.orgno()) != null) {
            violations.field("orgno", "orgno.taken");
        }
        violations.throwIfAny();
        Organisation org = new Organisation();
        org.orgno = cmd.orgno();
        org.name = cmd.name();
        org.created = clock.instant();
        org.lastUpdated = org.created;
        org.persist();
        audit.record(org.orgno, AuditAction.ORGANISATION_CREATED, AuditSubject.organisation(org.orgno), null,
                Map.of("orgno", org.orgno, "name", org.name));
        return org;
    }

    /** An organisation's people and prefixes: the platform administrator's view, or the organisation's own. */
    public Detail detail(String orgno) {
        Organisation org = manageable(orgno);
        List<SupplierAppointment> suppliers = SupplierAppointment.suppliersOf(org.orgno);
        List<SupplierAppointment> customers = SupplierAppointment.customersOf(org.orgno);
        orgNames.load(java.util.stream.Stream.concat(suppliers.stream().map(a -> a.supplierOrgno),
                customers.stream().map(a -> a.customerOrgno)).toList());
        return new Detail(org, Membership.inOrganisation(org.orgno), ScopePrefix.ofOrganisation(org.orgno),
                actor.isPlatformAdmin(), suppliers, customers);
    }

    /** Gives a role from the page's form; a repeat of the form's {@code submission} answers with the first one's. */
    @Transactional
    public Membership grantRole(String orgno, RoleGrant cmd, String submission) {
        java.util.Optional<Membership> earlier = submissions.claim(actor.orgno(), SUBMISSION_ROLE, submission)
                .flatMap(id -> Membership.<Membership>findByIdOptional(Long.valueOf(id)))
                .filter(m -> m.organisation.orgno.equals(orgno));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Membership m = grantRole(orgno, cmd);
        submissions.made(actor.orgno(), SUBMISSION_ROLE, submission, m.id.toString());
        return m;
    }

    /** Gives a person a role in the organisation; the platform administrator anywhere, the organisation's own
     * administrators in their organisation. A person not yet seen is registered by their login subject. */
    @Transactional
    public Membership grantRole(String orgno, RoleGrant cmd) {
        Organisation org = manageable(orgno);
        Violations violations = Violations.of(validator, cmd, "Membership");
        Person person = cmd.subject() == null ? null : Person.bySubject(cmd.subject()).orElse(null);
        if (person != null && cmd.role() != null && Membership.count(person, org.orgno, cmd.role()) > 0) {
            violations.field("role", "role.duplicate");
        }
        violations.throwIfAny();
        if (person == null) {
            person = new Person();
            person.subject = cmd.subject();
            person.created = clock.instant();
            person.persist();
        }
        Membership m = new Membership();
        m.person = person;
        m.organisation = org;
        m.role = cmd.role();
        m.granted = clock.instant();
        m.grantedBy = actor.id();
        m.persist();
        audit.record(org.orgno, AuditAction.ROLE_GRANTED, AuditSubject.membership(m.id), null, facts(m));
        return m;
    }

    /** Takes a role away again, under the same rule as granting it; an organisation keeps at least one
     * administrator unless the platform administrator removes the last. */
    @Transactional
    public Membership revokeRole(String orgno, long membershipId) {
        Organisation org = manageable(orgno);
        Membership m = Membership.<Membership>findByIdOptional(membershipId)
                .filter(x -> x.organisation.orgno.equals(org.orgno))
                .orElseThrow(() -> new NotFound("error.membership.not-found"));
        if (m.role == Role.ORG_ADMIN && !actor.isPlatformAdmin()
                && Membership.count("organisation.orgno = ?1 and role = ?2", org.orgno, Role.ORG_ADMIN) == 1) {
            throw new Conflict("error.role.last-admin");
        }
        Map<String, Object> before = facts(m);
        m.delete();
        audit.record(org.orgno, AuditAction.ROLE_REVOKED, AuditSubject.membership(membershipId), before, null);
        return m;
    }

    /**
     * The organisation the actor may administer: any for the platform administrator, otherwise only its own with
     * roles.manage; another organisation is not shown to exist.
     */
    Organisation manageable(String orgno) {
        if (actor.isPlatformAdmin()) {
            actor.require(Permission.PLATFORM_ADMIN);
        } else {
            actor.require(Permission.ROLES_MANAGE);
            if (!actor.orgno().equals(orgno)) {
                // another organisation's people are not even shown to exist
                throw new NotFound("error.organisation.not-found");
            }
        }
        Organisation org = orgno == null ? null : Organisation.findById(orgno);
        if (org == null) {
            throw new NotFound("error.organisation.not-found");
        }
        return org;
    }

    private static Map<String, Object> facts(Membership m) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("subject", m.person.subject);
        facts.put("orgno", m.organisation.orgno);
        facts.put("role", m.role.name());
        return facts;
    }
}
