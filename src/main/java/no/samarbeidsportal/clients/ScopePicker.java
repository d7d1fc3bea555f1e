package no.samarbeidsportal.clients;

import java.util.Arrays;
import java.util.List;
import no.samarbeidsportal.access.ScopeUse;

/**
 * The scopes a client could have, grouped by why (own, granted, accessible for all, delegable), and those it has but
 * could no longer get, so the page can say so instead of dropping them.
 */
public record ScopePicker(List<Group> groups, List<String> unusable) {

    public record Group(ScopeUse.Reason reason, List<ScopeUse.Usable> scopes) {

        public String messageKey() {
            return "client.scopes.group." + reason.name().toLowerCase();
        }

        /** Whether one of the group's scopes is chosen, so its toggle starts open. */
        public boolean anyOf(List<String> chosen) {
            return scopes.stream().anyMatch(u -> chosen.contains(u.scope().name));
        }

        /** "Scopes tilgjengelig for alle" sit behind a toggle (admin-api.md 8). */
        public boolean folded() {
            return reason == ScopeUse.Reason.ALL;
        }
    }

    static ScopePicker of(List<ScopeUse.Usable> usable, List<String> current) {
        List<Group> groups = Arrays.stream(ScopeUse.Reason.values())
                .map(r -> new Group(r, usable.stream().filter(u -> u.reason() == r).toList()))
                .filter(g -> !g.scopes().isEmpty()).toList();
        List<String> unusable = current.stream()
                .filter(s -> usable.stream().noneMatch(u -> u.scope().name.equals(s))).toList();
        return new ScopePicker(groups, unusable);
    }

    public boolean isEmpty() {
        return groups.isEmpty() && unusable.isEmpty();
    }
}
