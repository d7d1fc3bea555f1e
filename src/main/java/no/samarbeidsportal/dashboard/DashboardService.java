package no.samarbeidsportal.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import no.samarbeidsportal.access.InactiveAccessService;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.clients.ClientKey;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.keys.KeyService;
import no.samarbeidsportal.scopes.prefixes.ScopePrefix;

/** The start page: what the acting organisation owns, what changed lately and which keys expire soon. */
@ApplicationScoped
public class DashboardService {

    /** Keys that expire within this many days are shown on the dashboard. */
    static final int EXPIRING_DAYS = 30;

    /**
     * What the dashboard shows of the acting organisation; {@code expiring} is empty without clients.read, and
     * {@code inactive} counts the organisations on its access lists the register has as deleted, bankrupt or being
     * wound up (none without scopes.read).
     */
    public record Dashboard(Organisation organisation, List<ScopePrefix> prefixes, List<AuditEvent> recent,
            List<ClientKey> expiring, InactiveAccessService.Summary inactive) {
    }

    private final Actor actor;
    private final KeyService keys;
    private final InactiveAccessService inactive;

    DashboardService(Actor actor, KeyService keys, InactiveAccessService inactive) {
        this.actor = actor;
        this.keys = keys;
        this.inactive = inactive;
    }

    /** The acting organisation's overview; a person without an organisation gets an empty one. */
    public Dashboard dashboard() {
        actor.requireLogin();
        if (actor.orgno() == null) {
            return new Dashboard(null, List.of(), List.of(), List.of(), new InactiveAccessService.Summary(0, null));
        }
        return new Dashboard(actor.org(), ScopePrefix.ofOrganisation(actor.orgno()),
                AuditEvent.ofOrganisation(actor.orgno(), 10),
                actor.may(Permission.CLIENTS_READ) ? keys.expiring(EXPIRING_DAYS) : List.of(), inactive.summary());
    }
}
