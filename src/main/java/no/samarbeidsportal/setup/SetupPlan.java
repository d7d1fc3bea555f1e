package no.samarbeidsportal.setup;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What bringing the set-up to a document does, per object (issue 17): {@code etag} is the state the plan was made from
 * (after an apply: the new state), {@code changes} how many items are not {@code unchanged}.
 */
@JsonPropertyOrder({"etag", "changes", "items"})
public record SetupPlan(String etag, int changes, List<Item> items) {

    /** The kinds of object a plan names. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SetupPlanKind")
    public enum Kind {
        SCOPE, ACCESS, CLIENT, KEY;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public String messageKey() {
            return "setup.kind." + wire();
        }
    }

    /** What happens to one object. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SetupPlanAction")
    public enum Action {
        CREATE, CHANGE, DEACTIVATE, REMOVE, UNCHANGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public String messageKey() {
            return "setup.action." + wire();
        }
    }

    /**
     * One object: {@code name} is a scope's name, {@code scope/consumer} for an access entry, a client's client_id (a
     * new client's is known after the apply), {@code client_id/kid} for a key; {@code place} is where the document
     * has it (absent for what the document leaves out); {@code fields} what differs.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SetupPlanItem")
    @JsonPropertyOrder({"kind", "action", "name", "client_id", "place", "fields"})
    public record Item(Kind kind, Action action, String name, String clientId, String place, List<Change> fields) {

        public boolean changes() {
            return action != Action.UNCHANGED;
        }

        Item withClientId(String id) {
            return new Item(kind, action, kind == Kind.CLIENT && action == Action.CREATE ? id : name, id, place,
                    fields);
        }
    }

    /** A field that differs: its value now and in the document. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SetupPlanChange")
    @JsonPropertyOrder({"field", "old", "new"})
    public record Change(String field, Object old, @com.fasterxml.jackson.annotation.JsonProperty("new") Object now) {
    }

    static SetupPlan of(String etag, List<Item> items) {
        return new SetupPlan(etag, (int) items.stream().filter(Item::changes).count(), List.copyOf(items));
    }

    /** The items that change something, by kind, for the page's tables. */
    public record Group(Kind kind, List<Item> items) {
    }

    public List<Group> groups() {
        return java.util.Arrays.stream(Kind.values()).map(k -> new Group(k, items.stream()
                .filter(i -> i.kind() == k && i.changes()).toList())).filter(g -> !g.items().isEmpty()).toList();
    }
}
