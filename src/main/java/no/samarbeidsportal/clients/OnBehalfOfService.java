package no.samarbeidsportal.clients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/**
 * The onbehalfof entries of an organisation's own ID-porten clients (admin-api.md 3.8, 2.5): a supplier registers one
 * client on itself and an entry per customer it logs people in for. Changing them takes
 * {@code idporten:dcr/onbehalfof:write} (people: the integration role). Another organisation's client, and a client
 * the caller only supplies for a customer, is unknown (404); a Maskinporten or krr client has no entries (400).
 */
@ApplicationScoped
public class OnBehalfOfService {

    /** A client's entries as its page shows them, and whether the actor may add and remove them. */
    public record Entries(List<OnBehalfOf> list, boolean mayChange) {
    }

    private final Actor actor;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;

    private static final String SUBMISSION = "onbehalfof";

    @jakarta.inject.Inject
    no.samarbeidsportal.system.Submissions submissions;

    OnBehalfOfService(Actor actor, Validator validator, Audit audit, Clock clock) {
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
    }

    /** The entries of a client the actor already sees, for its page; none for a client that cannot have them. */
    public Entries entries(Client client) {
        if (!client.allowsOnBehalfOf()) {
            return new Entries(List.of(), false);
        }
        boolean mayChange = client.active && client.clientOrgno.equals(actor.orgno())
                && actor.may(Permission.ONBEHALFOF_WRITE);
        return new Entries(OnBehalfOf.of(client), mayChange);
    }

    /** One entry; read with any client-reading scope or with {@code dcr/onbehalfof:write} (admin-api.md 2.3). */
    public OnBehalfOf get(String clientId, String onbehalfof) {
        actor.require(actor.may(Permission.ONBEHALFOF_WRITE) ? Permission.ONBEHALFOF_WRITE : Permission.CLIENTS_READ);
        return entry(owned(clientId), onbehalfof);
    }

    /** Adds from the page's form; a repeat of the form's {@code submission} answers with the first one's entry. */
    @Transactional
    public OnBehalfOf create(String clientId, NewOnBehalfOf cmd, String submission) {
        Optional<OnBehalfOf> earlier = submissions.claim(actor.orgno(), SUBMISSION, submission)
                .flatMap(id -> OnBehalfOf.<OnBehalfOf>findByIdOptional(Long.valueOf(id)))
                .filter(e -> e.client.clientId.equals(clientId));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        OnBehalfOf entry = create(clientId, cmd);
        submissions.made(actor.orgno(), SUBMISSION, submission, entry.id.toString());
        return entry;
    }

    /** Adds an entry to the organisation's own ID-porten client; its value is unique within the client. */
    @Transactional
    public OnBehalfOf create(String clientId, NewOnBehalfOf cmd) {
        actor.require(Permission.ONBEHALFOF_WRITE);
        Violations.of(validator, cmd, "OnBehalfOf").throwIfAny();
        Client client = owned(clientId);
        if (OnBehalfOf.of(client, cmd.onbehalfof()).isPresent()) {
            throw new Conflict("onbehalfof.exists", cmd.onbehalfof());
        }
        OnBehalfOf entry = new OnBehalfOf();
        entry.client = client;
        entry.onbehalfof = cmd.onbehalfof();
        entry.created = clock.instant();
        apply(entry, cmd);
        entry.persist();
        audit.record(client.clientOrgno, AuditAction.ONBEHALFOF_CREATED, AuditSubject.client(client.clientId), null,
                entry.auditValues());
        return entry;
    }

    /** Replaces an entry's name, organisation number, address and description; its value never changes. */
    @Transactional
    public OnBehalfOf update(String clientId, String onbehalfof, NewOnBehalfOf cmd, Integer version) {
        actor.require(Permission.ONBEHALFOF_WRITE);
        OnBehalfOf entry = entry(owned(clientId), onbehalfof);
        if (version != null && version != entry.version) {
            throw new Conflict("onbehalfof.changed-meanwhile", entry.onbehalfof);
        }
        NewOnBehalfOf change = cmd.onbehalfof() == null ? cmd.withValue(entry.onbehalfof) : cmd;
        Violations violations = Violations.of(validator, change, "OnBehalfOf");
        if (!change.onbehalfof().equals(entry.onbehalfof)) {
            violations.field("onbehalfof", "onbehalfof.value.immutable");
        }
        violations.throwIfAny();
        Map<String, Object> before = entry.auditValues();
        apply(entry, change);
        audit.record(entry.client.clientOrgno, AuditAction.ONBEHALFOF_UPDATED, AuditSubject.client(entry.client.clientId), before,
                entry.auditValues());
        return entry;
    }

    /** Removes an entry; the client's history keeps what it was. */
    @Transactional
    public OnBehalfOf delete(String clientId, String onbehalfof) {
        actor.require(Permission.ONBEHALFOF_WRITE);
        OnBehalfOf entry = entry(owned(clientId), onbehalfof);
        entry.delete();
        audit.record(entry.client.clientOrgno, AuditAction.ONBEHALFOF_DELETED, AuditSubject.client(entry.client.clientId),
                entry.auditValues(), null);
        return entry;
    }

    private void apply(OnBehalfOf entry, NewOnBehalfOf cmd) {
        entry.name = cmd.name();
        entry.orgno = cmd.orgno();
        entry.clientUri = cmd.clientUri();
        entry.description = cmd.description();
        entry.lastUpdated = clock.instant();
    }

    /**
     * An active client of the acting organisation itself: entries belong to a supplier's own client (admin-api.md
     * 2.5), so a client it registered for a customer is as unknown as any other organisation's.
     */
    private Client owned(String clientId) {
        Client client = Optional.ofNullable(clientId).flatMap(Client::byClientId)
                .filter(c -> c.active && c.clientOrgno.equals(actor.orgno()))
                .orElseThrow(() -> new NotFound("client.not-found", clientId));
        if (!client.allowsOnBehalfOf()) {
            // admin-api.md 3.8: on a maskinporten client the calls get 400
            throw InvalidInput.of("OnBehalfOf", "integration_type", "onbehalfof.not-idporten",
                    client.integrationType);
        }
        return client;
    }

    private static OnBehalfOf entry(Client client, String onbehalfof) {
        return Optional.ofNullable(onbehalfof).flatMap(o -> OnBehalfOf.of(client, o))
                .orElseThrow(() -> new NotFound("onbehalfof.not-found", onbehalfof));
    }
}
