package no.samarbeidsportal.scopes.prefixes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/** Scope prefixes: assigned by the platform administrator, read by their owner. */
@ApplicationScoped
public class PrefixService {

    private final Actor actor;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;

    PrefixService(Actor actor, Validator validator, Audit audit, Clock clock) {
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
    }

    /** The acting organisation's prefixes; needs scopes.read. */
    public List<ScopePrefix> mine() {
        actor.require(Permission.SCOPES_READ);
        return ScopePrefix.ofOrganisation(actor.orgno());
    }

    /** Assigns a new prefix to an organisation; only the platform administrator may, and a prefix is assigned once. */
    @Transactional
    public ScopePrefix assign(String orgno, NewPrefix cmd) {
        actor.require(Permission.PLATFORM_ADMIN);
        Organisation org = orgno == null ? null : Organisation.findById(orgno);
        if (org == null) {
            throw new NotFound("error.organisation.not-found");
        }
        Violations violations = Violations.of(validator, cmd, "Prefix");
        if (!violations.has("prefix") && ScopePrefix.findById(cmd.prefix()) != null) {
            violations.field("prefix", "prefix.taken");
        }
        violations.throwIfAny();
        ScopePrefix prefix = new ScopePrefix();
        prefix.prefix = cmd.prefix();
        prefix.organisation = org;
        prefix.active = true;
        prefix.created = clock.instant();
        prefix.lastUpdated = prefix.created;
        prefix.persist();
        audit.record(org.orgno, AuditAction.PREFIX_ASSIGNED, AuditSubject.prefix(prefix.prefix), null,
                Map.of("prefix", prefix.prefix, "orgno", org.orgno));
        return prefix;
    }
}
