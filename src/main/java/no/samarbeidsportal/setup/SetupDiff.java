package no.samarbeidsportal.setup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import no.samarbeidsportal.setup.SetupPlan.Action;
import no.samarbeidsportal.setup.SetupPlan.Change;
import no.samarbeidsportal.setup.SetupPlan.Item;
import no.samarbeidsportal.setup.SetupPlan.Kind;

/** How two states of one object differ: the fields, an access list's members, a key set's keys. */
final class SetupDiff {

    private SetupDiff() {
    }

    /** The fields whose values differ, in {@code want}'s order; a field {@code have} lacks was null. */
    static List<Change> fields(Map<String, Object> have, Map<String, Object> want) {
        List<Change> out = new ArrayList<>();
        want.forEach((field, value) -> {
            Object old = have.get(field);
            boolean unsetNew = have.isEmpty() && (value == null || Boolean.FALSE.equals(value)
                    || Integer.valueOf(0).equals(value) || value instanceof List<?> l && l.isEmpty());
            if (!Objects.equals(old, value) && !unsetNew) {
                out.add(new Change(field, old, value));
            }
        });
        return out;
    }

    /** An access list's entries: those to add (create), to remove, and those kept (unchanged). */
    static void sets(Kind kind, String name, String place, List<String> have, List<String> want, List<Item> out) {
        Set<String> wanted = new LinkedHashSet<>(want);
        for (String orgno : have) {
            if (!wanted.contains(orgno)) {
                out.add(new Item(kind, Action.REMOVE, name + orgno, null, null, List.of()));
            }
        }
        int i = 0;
        for (String orgno : want) {
            out.add(new Item(kind, have.contains(orgno) ? Action.UNCHANGED : Action.CREATE, name + orgno, null,
                    place + "[" + i++ + "]", List.of()));
        }
    }

    /**
     * A client's keys by kid: a kid in both with the same key material (RFC 7638 thumbprint) is unchanged; one with
     * other material is removed and added again.
     */
    static void keys(String name, String clientId, String place, Map<String, String> have, Map<String, String> want,
            List<Item> out) {
        have.forEach((kid, thumbprint) -> {
            if (!thumbprint.equals(want.get(kid))) {
                out.add(new Item(Kind.KEY, Action.REMOVE, name + kid, clientId, null, List.of()));
            }
        });
        int i = 0;
        for (Map.Entry<String, String> e : want.entrySet()) {
            boolean same = e.getValue().equals(have.get(e.getKey()));
            out.add(new Item(Kind.KEY, same ? Action.UNCHANGED : Action.CREATE, name + e.getKey(), clientId,
                    place + "[" + i++ + "]", List.of()));
        }
    }
}
