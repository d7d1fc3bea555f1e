package no.samarbeidsportal.clients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.samarbeidsportal.access.ScopeUse;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Submissions;
import no.samarbeidsportal.system.Violations;

/**
 * A consumer organisation's clients, and those a supplier registers and operates for its customers (admin-api.md 3,
 * 2.5). Another organisation's client is unknown (404). Clients are deactivated, never deleted.
 */
@ApplicationScoped
public class ClientService {

    /** A registered client, with its new secret in clear text when it has one (shown once, admin-api.md 3.2). */
    public record Registered(Client client, String clientSecret) {
    }

    /** A client as its page shows it: may the actor change it, the scopes it could have, its keys and entries. */
    public record View(Client client, boolean mayChange, List<ScopeUse.Usable> usable, List<ClientKey> keys,
            OnBehalfOfService.Entries onBehalfOf) {

        /** The picker for the scopes chosen in {@code form}: those on the client, or those just submitted. */
        public ScopePicker picker(ClientForm form) {
            return ScopePicker.of(usable, form.scopes);
        }
    }

    /** admin-api.md 3.6: a secret lives at most 360 days. */
    static final Duration SECRET_LIFETIME = Duration.ofDays(360);

    private static final String SUBMISSION = "client";

    private final Actor actor;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;
    private final ScopeUse scopeUse;
    private final OnBehalfOfService onBehalfOf;
    private final Submissions submissions;
    private final OrgNames orgNames;

    ClientService(Actor actor, Validator validator, Audit audit, Clock clock, ScopeUse scopeUse,
            OnBehalfOfService onBehalfOf, Submissions submissions, OrgNames orgNames) {
        this.orgNames = orgNames;
        this.submissions = submissions;
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.scopeUse = scopeUse;
        this.onBehalfOf = onBehalfOf;
    }

    /** The clients the acting organisation sees: its own and, as a supplier, those it supplies (admin-api.md 2.5). */
    public List<Client> list(boolean inactive) {
        actor.require(Permission.CLIENTS_READ);
        return Client.visibleTo(actor.orgno(), actor.may(Permission.SUPPLIER), inactive);
    }

    /** A client the acting organisation sees; another's, or a deactivated one without {@code inactive}, is 404. */
    public Client visible(String clientId, boolean inactive) {
        actor.require(Permission.CLIENTS_READ);
        Client client = Optional.ofNullable(clientId).flatMap(Client::byClientId).filter(this::sees)
                .orElseThrow(() -> new NotFound("client.not-found", clientId));
        if (!client.active && !inactive) {
            throw new NotFound("client.not-found", clientId);
        }
        return client;
    }

    /**
     * An active client the acting organisation may change: its own with clients.modify, or one it supplies with the
     * supplier right (admin-api.md 2.3). Keys and secrets go through here too.
     */
    public Client operated(String clientId) {
        Client client = visible(clientId, false);
        boolean owner = client.clientOrgno.equals(actor.orgno()) && actor.may(Permission.CLIENTS_MODIFY);
        if (!owner && !supplies(client)) {
            throw new Forbidden("error.forbidden.permission", Permission.CLIENTS_MODIFY.messageKey());
        }
        return client;
    }

    /** A client with what its page needs. */
    public View view(String clientId, boolean inactive) {
        Client client = visible(clientId, inactive);
        boolean mayChange = mayChange(client);
        View view = new View(client, mayChange,
                mayChange ? scopeUse.usable(client.clientOrgno, supplied(client), client.integrationType) : List.of(),
                ClientKey.of(client), onBehalfOf.entries(client));
        List<String> shown = new java.util.ArrayList<>(java.util.Arrays.asList(client.clientOrgno,
                client.supplierOrgno));
        view.onBehalfOf().list().forEach(e -> shown.add(e.orgno));
        orgNames.load(shown);
        return view;
    }

    private boolean mayChange(Client client) {
        return client.active && (client.clientOrgno.equals(actor.orgno()) && actor.may(Permission.CLIENTS_MODIFY)
                || supplies(client));
    }

    /** Registers a client; scopes only those the client's organisation may use (admin-api.md 3.2). */
    @Transactional
    public Registered create(NewClient cmd) {
        return create(cmd, null);
    }

    /**
     * Registers a client from the page's form; a repeat of the form's {@code submission} answers with the client the
     * first submit made, without its secret, which is shown once (issue 14).
     */
    @Transactional
    public Registered create(NewClient cmd, String submission) {
        if (cmd.clientOrgno() == null && actor.isPerson() && !actor.may(Permission.CLIENTS_WRITE)
                && actor.may(Permission.SUPPLIER)) {
            // a supplier without the integration role registers for customers only: say which field to fill
            throw InvalidInput.of("Client", "client_orgno", "client.orgno.customer-required");
        }
        String clientOrgno = cmd.clientOrgno() == null ? actorOrgno() : cmd.clientOrgno();
        boolean forCustomer = !clientOrgno.equals(actorOrgno());
        actor.require(forCustomer ? Permission.SUPPLIER : Permission.CLIENTS_WRITE);
        Optional<Client> earlier = submissions.claim(actorOrgno(), SUBMISSION, submission).flatMap(Client::byClientId);
        if (earlier.isPresent()) {
            return new Registered(earlier.get(), null);
        }
        Violations violations = Violations.of(validator, cmd.attributes(), "Client");
        if (forCustomer && !OrgNumberValidator.isValid(clientOrgno)) {
            violations.field("client_orgno", OrgNumbers.problem(clientOrgno));
        } else if (forCustomer && SupplierAppointment.active(clientOrgno, actorOrgno()).isEmpty()) {
            // admin-api.md 2.5: a supplier acts only for a customer that appointed it
            throw new Forbidden("error.forbidden.not-appointed", clientOrgno);
        }
        IntegrationType type = type(cmd.integrationType(), violations);
        Client client = new Client();
        client.clientId = UUID.randomUUID().toString();
        client.clientOrgno = clientOrgno;
        client.supplierOrgno = forCustomer ? actorOrgno() : null;
        client.integrationType = type == null ? null : type.wireName();
        client.created = clock.instant();
        client.active = true;
        apply(client, type, cmd.attributes(), violations);
        String secret = ClientRules.usesSecret(client.tokenEndpointAuthMethod) ? newSecret(client) : null;
        client.persist();
        submissions.made(actorOrgno(), SUBMISSION, submission, client.clientId);
        audit.record(client.clientOrgno, AuditAction.CLIENT_CREATED, AuditSubject.client(client.clientId), null,
                client.auditValues());
        return new Registered(client, secret);
    }

    /** Replaces a client's attributes; the integration type never changes (admin-api.md 3.4). */
    @Transactional
    public Client update(String clientId, ClientChange change) {
        Client client = operated(clientId);
        if (change.version() != null && change.version() != client.version) {
            throw new Conflict("client.changed-meanwhile", client.clientId);
        }
        Violations violations = Violations.of(validator, change.attributes(), "Client");
        if (change.integrationType() != null && !change.integrationType().equals(client.integrationType)) {
            violations.field("integration_type", "client.integration-type.immutable");
        }
        String orgno = change.clientOrgno() == null ? client.clientOrgno : change.clientOrgno();
        if (!orgno.equals(client.clientOrgno)) {
            if (!supplies(client)) {
                violations.field("client_orgno", "client.orgno.immutable");
            } else if (!OrgNumberValidator.isValid(orgno)) {
                violations.field("client_orgno", OrgNumbers.problem(orgno));
            } else if (SupplierAppointment.active(orgno, client.supplierOrgno).isEmpty()) {
                throw new Forbidden("error.forbidden.not-appointed", orgno);
            }
        }
        Map<String, Object> before = client.auditValues();
        String method = client.tokenEndpointAuthMethod;
        client.clientOrgno = orgno;
        apply(client, IntegrationType.ofWireName(client.integrationType).orElseThrow(), change.attributes(),
                violations);
        if (!client.tokenEndpointAuthMethod.equals(method)) {
            // admin-api.md 3.4: a new authentication method removes the secret
            client.clientSecretHash = null;
            client.clientSecretExpiresAt = null;
        }
        audit.record(client.clientOrgno, AuditAction.CLIENT_UPDATED, AuditSubject.client(client.clientId), before,
                client.auditValues());
        return client;
    }

    /** Deactivates a client: it gets no more tokens; its keys stay but cannot be used (admin-api.md 3.5). */
    @Transactional
    public Client deactivate(String clientId) {
        Client client = operated(clientId);
        Map<String, Object> before = client.auditValues();
        client.active = false;
        client.lastUpdated = clock.instant();
        audit.record(client.clientOrgno, AuditAction.CLIENT_DEACTIVATED, AuditSubject.client(client.clientId), before,
                client.auditValues());
        return client;
    }

    /** A new client secret for a secret-based client, shown once (admin-api.md 3.6). */
    @Transactional
    public Registered renewSecret(String clientId) {
        Client client = operated(clientId);
        if (!ClientRules.usesSecret(client.tokenEndpointAuthMethod)) {
            throw InvalidInput.of("Client", "token_endpoint_auth_method", "client.secret.not-secret-client",
                    client.tokenEndpointAuthMethod);
        }
        Map<String, Object> before = client.auditValues();
        String secret = newSecret(client);
        client.lastUpdated = clock.instant();
        audit.record(client.clientOrgno, AuditAction.CLIENT_SECRET_RENEWED, AuditSubject.client(client.clientId),
                before, client.auditValues());
        return new Registered(client, secret);
    }

    /** The scopes the acting organisation, or as a supplier its customer, may put on a client of this type. */
    public List<ScopeUse.Usable> usableScopes(String integrationType, String clientOrgno) {
        actor.require(Permission.CLIENTS_READ);
        if (clientOrgno == null || clientOrgno.isBlank() || clientOrgno.strip().equals(actor.orgno())) {
            return scopeUse.usable(actor.orgno(), integrationType);
        }
        actor.require(Permission.SUPPLIER);
        String customer = clientOrgno.strip();
        // an organisation that has not appointed the supplier shows it nothing, not even that it exists
        SupplierAppointment appointment = SupplierAppointment.active(customer, actor.orgno())
                .orElseThrow(() -> new NotFound("supplier.not-found"));
        orgNames.load(List.of(customer));
        return scopeUse.usable(customer, new ScopeUse.Supplied(actor.orgno(), appointment.ownScopes),
                integrationType);
    }

    /** For the form's choices. */

    private void apply(Client client, IntegrationType type, ClientAttributes a, Violations violations) {
        ClientRules.Settings settings = type == null ? null : ClientRules.check(type, a, violations);
        if (settings != null && !violations.has("client_orgno")) {
            var refusals = scopeUse.check(client.clientOrgno, supplied(client), type.wireName(),
                    settings.catalogueScopes());
            List<String> all = settings.scopes();
            refusals.forEach((name, refusal) -> refusal.ifPresent(r -> violations.field(
                    "scopes[" + all.indexOf(name) + "]", "client.scope." + r.name().toLowerCase().replace('_', '-'),
                    name)));
        }
        violations.throwIfAny();
        client.clientName = a.clientName();
        client.description = a.description();
        client.clientUri = a.clientUri();
        client.applicationType = settings.applicationType();
        client.tokenEndpointAuthMethod = settings.authMethod();
        client.grantTypes = settings.grantTypes();
        client.scopes = settings.scopes();
        client.redirectUris = a.redirectUris();
        client.postLogoutRedirectUris = a.postLogoutRedirectUris();
        client.frontchannelLogoutUri = a.frontchannelLogoutUri();
        client.frontchannelLogoutSessionRequired = Boolean.TRUE.equals(a.frontchannelLogoutSessionRequired());
        client.ssoDisabled = Boolean.TRUE.equals(a.ssoDisabled());
        client.authorizationLifetime = a.authorizationLifetime() == null ? 0 : a.authorizationLifetime();
        client.accessTokenLifetime = a.accessTokenLifetime() == null ? 0 : a.accessTokenLifetime();
        client.refreshTokenLifetime = a.refreshTokenLifetime() == null ? 0 : a.refreshTokenLifetime();
        client.refreshTokenUsage = a.refreshTokenUsage();
        client.codeChallengeMethod = a.codeChallengeMethod();
        client.lastUpdated = clock.instant();
    }

    private IntegrationType type(String wireName, Violations violations) {
        if (wireName == null) {
            violations.field("integration_type", "client.integration-type.required");
            return null;
        }
        return IntegrationType.ofWireName(wireName).orElseGet(() -> {
            violations.field("integration_type", "client.integration-type.unknown", wireName);
            return null;
        });
    }

    private String newSecret(Client client) {
        String secret = ClientSecrets.generate();
        client.clientSecretHash = ClientSecrets.hash(secret);
        client.clientSecretExpiresAt = clock.instant().plus(SECRET_LIFETIME);
        return secret;
    }

    private String actorOrgno() {
        actor.requireLogin();
        if (actor.orgno() == null) {
            throw new Forbidden("error.forbidden.no-organisation");
        }
        return actor.orgno();
    }

    private boolean sees(Client client) {
        return client.clientOrgno.equals(actor.orgno()) || supplies(client);
    }

    /** The acting organisation supplies the client, and the customer's appointment of it is active. */
    private boolean supplies(Client client) {
        return actor.orgno() != null && actor.orgno().equals(client.supplierOrgno) && actor.may(Permission.SUPPLIER)
                && SupplierAppointment.active(client.clientOrgno, client.supplierOrgno).isPresent();
    }

    /** For a supplier's client, the narrower scope rule of admin-api.md 2.5, whoever changes it; else null. */
    private static ScopeUse.Supplied supplied(Client client) {
        if (client.supplierOrgno == null) {
            return null;
        }
        return new ScopeUse.Supplied(client.supplierOrgno, SupplierAppointment.active(client.clientOrgno,
                client.supplierOrgno).map(a -> a.ownScopes).orElse(false));
    }
}
