package no.samarbeidsportal.scopes;

/**
 * Update or re-activate a scope (admin-api.md 4.5). {@code prefix} and {@code subscope}, when given, must match the
 * scope's: the name never changes. {@code version} is the version the editor saw; a stale one is a conflict.
 */
public record ScopeChange(String prefix, String subscope, ScopeAttributes attributes, Integer version) {
}
