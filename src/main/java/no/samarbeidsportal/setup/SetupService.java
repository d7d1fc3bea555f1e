package no.samarbeidsportal.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import no.samarbeidsportal.access.AccessService;
import no.samarbeidsportal.clients.Client;
import no.samarbeidsportal.clients.ClientKey;
import no.samarbeidsportal.clients.ClientService;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.keys.KeyService;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.scopes.ScopeService;
import no.samarbeidsportal.scopes.prefixes.ScopePrefix;
import no.samarbeidsportal.setup.SetupPlan.Action;
import no.samarbeidsportal.setup.SetupPlan.Item;
import no.samarbeidsportal.setup.SetupPlan.Kind;
import no.samarbeidsportal.system.FieldError;
import no.samarbeidsportal.system.InvalidInput;

/**
 * The acting organisation's whole set-up as one document (issue 17): exported with an ETag, compared with a desired
 * document into a plan, and the plan applied in one transaction through the services that own each object, so their
 * rules, permission checks, audit lines and notices hold. What already is as the document says is not touched.
 */
@ApplicationScoped
public class SetupService {

    /** A document as read, with the state it was compared with. */
    public record Planned(SetupDocument desired, SetupPlan plan) {
    }

    private final Actor actor;
    private final SetupReader reader;
    private final SetupCheck check;
    private final ScopeService scopes;
    private final AccessService access;
    private final ClientService clients;
    private final KeyService keys;

    SetupService(Actor actor, SetupReader reader, SetupCheck check, ScopeService scopes, AccessService access,
            ClientService clients, KeyService keys) {
        this.actor = actor;
        this.reader = reader;
        this.check = check;
        this.scopes = scopes;
        this.access = access;
        this.clients = clients;
        this.keys = keys;
    }

    /** The acting organisation's set-up; needs scopes.read and clients.read. */
    public SetupDocument export() {
        actor.require(Permission.SCOPES_READ);
        actor.require(Permission.CLIENTS_READ);
        String orgno = actor.orgno();
        List<Scope> mine = Scope.ofOwner(orgno, false);
        Map<Long, List<String>> consumers = approved(mine);
        List<SetupScope> scopeRows = mine.stream()
                .map(s -> SetupScope.of(s, consumers.getOrDefault(s.id, List.of()))).toList();
        List<SetupClient> clientRows = own(orgno).stream().map(c -> SetupClient.of(c, ClientKey.of(c))).toList();
        return new SetupDocument(orgno, prefixes(orgno).stream().toList(), scopeRows, clientRows);
    }

    /** The document as JSON text, for a download. */
    public String text(SetupDocument doc) {
        return reader.text(doc);
    }

    /** A strong ETag of the document: SHA-256 of its JSON, whose rows are sorted, so one state has one ETag. */
    public String etag(SetupDocument doc) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(reader.write(doc));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** What applying {@code body} would do; nothing is written. Needs scopes.read and clients.read. */
    public SetupPlan plan(byte[] body) {
        return planned(body).plan();
    }

    /**
     * Applies {@code body} if {@code ifMatch} is the ETag of the state now (428 without one, 412 if stale), all in one
     * transaction: nothing is written when anything is refused. Needs every permission a change may need.
     */
    @Transactional
    public SetupPlan apply(byte[] body, String ifMatch) {
        actor.require(Permission.SCOPES_WRITE);
        actor.require(Permission.CLIENTS_WRITE);
        actor.require(Permission.CLIENTS_MODIFY);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw SetupPrecondition.required();
        }
        // two applies of one organisation take turns, so the second compares with the state the first left
        Scope.getEntityManager().find(Organisation.class, actor.orgno(), LockModeType.PESSIMISTIC_WRITE);
        // single edits do not take that lock: lock the rows they write (select ... for update) before the state is
        // read, so an edit in flight finishes first and changes the ETag (412), and none starts until this commits
        lockRows(actor.orgno());
        Planned planned = planned(body);
        if (!ifMatch.strip().equals(planned.plan().etag()) && !ifMatch.strip().equals("W/" + planned.plan().etag())) {
            throw SetupPrecondition.stale();
        }
        List<Item> done = new SetupApply(scopes, access, clients, keys, reader).run(planned);
        Scope.flush();
        return SetupPlan.of(etag(export()), done);
    }

    /**
     * Locks the organisation's scopes (active or not: the document may re-activate one) and its own Maskinporten
     * clients, in id order. Access entries and keys are rows of their own; new ones are not in the plan, so the apply
     * removes none of them, and key changes lock their client row (KeyService) and so wait too.
     */
    private static void lockRows(String orgno) {
        Scope.find("ownerOrgno = ?1 order by id", orgno).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        Client.find("clientOrgno = ?1 and supplierOrgno is null and integrationType = ?2 order by id", orgno,
                SetupClient.MASKINPORTEN).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    private Planned planned(byte[] body) {
        SetupDocument now = export();
        SetupDocument desired = reader.read(body);
        String orgno = actor.orgno();
        List<Map<String, String>> thumbprints = check.check(orgno, prefixes(orgno), desired);
        List<Item> items = new ArrayList<>();
        scopeItems(now, desired, items);
        clientItems(now, desired, thumbprints, items);
        return new Planned(desired, SetupPlan.of(etag(now), items));
    }

    private void scopeItems(SetupDocument now, SetupDocument desired, List<Item> items) {
        Map<String, SetupScope> current = now.scopes().stream().collect(Collectors.toMap(SetupScope::name, s -> s));
        List<Item> accessItems = new ArrayList<>();
        for (int i = 0; i < desired.scopes().size(); i++) {
            SetupScope want = desired.scopes().get(i);
            String name = want.fullName();
            String place = "scopes[" + i + "]";
            SetupScope have = current.remove(name);
            Scope stored = have == null ? Scope.named(name).orElse(null) : null;
            List<SetupPlan.Change> fields;
            Action action;
            if (have != null) {
                fields = SetupDiff.fields(have.compared(), want.compared());
                action = fields.isEmpty() ? Action.UNCHANGED : Action.CHANGE;
            } else if (stored != null) {
                // a deactivated scope of ours: the document re-activates it
                fields = new ArrayList<>(SetupDiff.fields(SetupScope.of(stored, List.of()).compared(), want.compared()));
                fields.add(0, new SetupPlan.Change("active", false, true));
                action = Action.CHANGE;
            } else {
                fields = SetupDiff.fields(Map.of(), want.compared());
                action = Action.CREATE;
            }
            items.add(new Item(Kind.SCOPE, action, name, null, place, fields));
            List<String> before = have != null ? have.access() : stored == null ? List.of() : approvedOf(stored);
            SetupDiff.sets(Kind.ACCESS, name + "/", place + ".access", before, want.consumers(), accessItems);
        }
        current.values().forEach(s -> items.add(new Item(Kind.SCOPE, Action.DEACTIVATE, s.name(), null, null,
                List.of(new SetupPlan.Change("active", true, false)))));
        items.addAll(accessItems);
    }

    private void clientItems(SetupDocument now, SetupDocument desired, List<Map<String, String>> thumbprints,
            List<Item> items) {
        Map<String, SetupClient> current = new HashMap<>();
        now.clients().forEach(c -> current.put(c.clientId(), c));
        List<Item> keyItems = new ArrayList<>();
        for (int i = 0; i < desired.clients().size(); i++) {
            SetupClient want = desired.clients().get(i);
            String place = "clients[" + i + "]";
            SetupClient have = want.clientId() == null ? null : current.remove(want.clientId());
            List<SetupPlan.Change> fields = SetupDiff.fields(have == null ? Map.of() : have.compared(),
                    want.compared());
            Action action = have == null ? Action.CREATE : fields.isEmpty() ? Action.UNCHANGED : Action.CHANGE;
            String id = have == null ? null : have.clientId();
            items.add(new Item(Kind.CLIENT, action, id == null ? place : id, id, place, fields));
            Map<String, String> before = have == null ? Map.of() : thumbprintsOf(have.clientId());
            SetupDiff.keys((id == null ? place : id) + "/", id, place + ".jwks", before, thumbprints.get(i),
                    keyItems);
        }
        current.values().forEach(c -> items.add(new Item(Kind.CLIENT, Action.DEACTIVATE, c.clientId(),
                c.clientId(), null, List.of(new SetupPlan.Change("active", true, false)))));
        items.addAll(keyItems);
    }

    /** The organisation's own active Maskinporten clients: not those a supplier registered for it, nor its customers'. */
    private static List<Client> own(String orgno) {
        return Client.<Client>list("clientOrgno = ?1 and supplierOrgno is null and active and integrationType = ?2 "
                + "order by clientId", orgno, SetupClient.MASKINPORTEN);
    }

    private static Set<String> prefixes(String orgno) {
        return ScopePrefix.ofOrganisation(orgno).stream().map(p -> p.prefix)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> thumbprintsOf(String clientId) {
        Client client = Client.byClientId(clientId).orElseThrow();
        Map<String, String> out = new HashMap<>();
        ClientKey.of(client).forEach(k -> out.put(k.kid, k.thumbprint));
        return out;
    }

    private static Map<Long, List<String>> approved(List<Scope> mine) {
        if (mine.isEmpty()) {
            return Map.of();
        }
        return ScopeAccess.<ScopeAccess>list("scope in ?1 and state = ?2 order by consumerOrgno", mine,
                AccessState.APPROVED).stream().collect(Collectors.groupingBy(a -> a.scope.id,
                        Collectors.mapping(a -> a.consumerOrgno, Collectors.toList())));
    }

    private static List<String> approvedOf(Scope scope) {
        return approved(List.of(scope)).getOrDefault(scope.id, List.of());
    }

    /** An error of one object's service, named by the object's place in the document. */
    static FieldError placed(String place, FieldError f) {
        String field = f.field();
        if (field.equals("keys") || field.startsWith("keys[") || field.startsWith("keys.")) {
            field = "jwks" + field.substring(4);
        }
        return new FieldError(field.isEmpty() ? place : place + (field.startsWith("[") ? "" : ".") + field,
                f.messageKey(), f.args());
    }

    /** Re-throws a service's refusal of one object with the object's place in the document. */
    static InvalidInput placed(String place, InvalidInput e) {
        return new InvalidInput(SetupReader.OBJECT, e.errors().stream().map(f -> placed(place, f)).toList());
    }
}
