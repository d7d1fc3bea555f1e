package no.samarbeidsportal.scopes;

/**
 * Update or re-activate a scope (admin-api.md 4.5). The scope is the one the request names (the API's {@code ?scope=}),
 * so the change carries no prefix or subscope: the name never changes. {@code version} is the version the editor saw;
 * a stale one is a conflict. {@code requests} is the page's access request policy (issue 16); null keeps it, as
 * Digdir's JSON, which has none, does.
 */
public record ScopeChange(ScopeAttributes attributes, Integer version, RequestPolicy requests) {

    public ScopeChange(ScopeAttributes attributes, Integer version) {
        this(attributes, version, null);
    }
}
