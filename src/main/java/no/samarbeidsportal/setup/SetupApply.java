package no.samarbeidsportal.setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.samarbeidsportal.access.AccessService;
import no.samarbeidsportal.clients.Client;
import no.samarbeidsportal.clients.ClientChange;
import no.samarbeidsportal.clients.ClientService;
import no.samarbeidsportal.clients.NewClient;
import no.samarbeidsportal.keys.KeyService;
import no.samarbeidsportal.scopes.NewScope;
import no.samarbeidsportal.scopes.ScopeChange;
import no.samarbeidsportal.scopes.ScopeService;
import no.samarbeidsportal.setup.SetupPlan.Action;
import no.samarbeidsportal.setup.SetupPlan.Item;
import no.samarbeidsportal.setup.SetupPlan.Kind;
import no.samarbeidsportal.system.InvalidInput;

/**
 * One run of a plan, inside {@link SetupService#apply}'s transaction: each changed object through its own service, in
 * an order where each step finds what it needs (scopes before the access lists and clients that name them, old keys
 * removed before new ones count against the limit, deactivations last). A refusal names the object's place.
 */
final class SetupApply {

    private final ScopeService scopes;
    private final AccessService access;
    private final ClientService clients;
    private final KeyService keys;
    private final SetupReader reader;
    private final Map<String, String> newClientIds = new HashMap<>();

    SetupApply(ScopeService scopes, AccessService access, ClientService clients, KeyService keys,
            SetupReader reader) {
        this.scopes = scopes;
        this.access = access;
        this.clients = clients;
        this.keys = keys;
        this.reader = reader;
    }

    /** Applies the plan; returns its items, new clients with their new client_id. */
    List<Item> run(SetupService.Planned planned) {
        SetupDocument doc = planned.desired();
        List<Item> items = planned.plan().items();
        for (Item item : items) {
            if (item.kind() == Kind.SCOPE && (item.action() == Action.CREATE || item.action() == Action.CHANGE)) {
                SetupScope s = doc.scopes().get(index(item.place()));
                placed(item.place(), () -> item.action() == Action.CREATE
                        ? scopes.create(new NewScope(s.prefixOfName(), s.subscopeOfName(), s.attributes(null)))
                        : scopes.update(item.name(), new ScopeChange(s.attributes(Boolean.TRUE), null)));
            }
        }
        for (Item item : items) {
            if (item.kind() == Kind.ACCESS && item.changes()) {
                String scope = item.name().substring(0, item.name().lastIndexOf('/'));
                String consumer = item.name().substring(item.name().lastIndexOf('/') + 1);
                placed(item.place() == null ? "scopes" : item.place(), () -> item.action() == Action.CREATE
                        ? access.grant(scope, consumer) : access.revoke(scope, consumer));
            }
        }
        List<Item> done = new ArrayList<>();
        for (Item item : items) {
            if (item.kind() == Kind.CLIENT && (item.action() == Action.CREATE || item.action() == Action.CHANGE)) {
                SetupClient c = doc.clients().get(index(item.place()));
                if (item.action() == Action.CREATE) {
                    Client made = placed(item.place(), () -> clients.create(new NewClient(SetupClient.MASKINPORTEN,
                            null, c.attributes(null)))).client();
                    newClientIds.put(item.place(), made.clientId);
                } else {
                    Client now = Client.byClientId(item.clientId()).orElseThrow();
                    placed(item.place(), () -> clients.update(item.clientId(), new ClientChange(
                            SetupClient.MASKINPORTEN, null, c.attributes(now), null)));
                }
            }
        }
        for (Item item : items) {
            if (item.kind() == Kind.KEY && item.action() == Action.REMOVE) {
                placed("clients", () -> keys.remove(item.clientId(), kid(item)));
            }
        }
        for (Item item : items) {
            if (item.kind() == Kind.KEY && item.action() == Action.CREATE) {
                String place = item.place().substring(0, item.place().indexOf(".jwks"));
                SetupClient c = doc.clients().get(index(place));
                Object jwk = c.keys().stream().filter(k -> k instanceof Map<?, ?> m && kid(item).equals(m.get("kid")))
                        .findFirst().orElseThrow();
                String clientId = item.clientId() != null ? item.clientId() : newClientIds.get(place);
                placed(item.place(), () -> keys.add(clientId, reader.write(Map.of("keys", List.of(jwk)))));
            }
        }
        for (Item item : items) {
            if (item.action() == Action.DEACTIVATE) {
                if (item.kind() == Kind.CLIENT) {
                    clients.deactivate(item.clientId());
                } else {
                    scopes.deactivate(item.name());
                }
            }
        }
        for (Item item : items) {
            if (item.kind() == Kind.CLIENT && item.action() == Action.CREATE) {
                done.add(item.withClientId(newClientIds.get(item.place())));
            } else if (item.kind() == Kind.KEY && item.clientId() == null) {
                String place = item.place().substring(0, item.place().indexOf(".jwks"));
                String id = newClientIds.get(place);
                done.add(new Item(item.kind(), item.action(), id + "/" + kid(item), id, item.place(), item.fields()));
            } else {
                done.add(item);
            }
        }
        return done;
    }

    private static String kid(Item item) {
        return item.name().substring(item.name().lastIndexOf('/') + 1);
    }

    /** {@code scopes[3]} is 3. */
    private static int index(String place) {
        return Integer.parseInt(place.substring(place.indexOf('[') + 1, place.indexOf(']')));
    }

    private static <T> T placed(String place, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInput e) {
            throw SetupService.placed(place, e);
        }
    }
}
