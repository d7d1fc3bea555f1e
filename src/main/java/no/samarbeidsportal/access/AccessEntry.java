package no.samarbeidsportal.access;

import no.samarbeidsportal.scopes.ScopeAccess;

/** An access entry with the names of its organisations, where the portal knows them (admin-api.md 6.5). */
public record AccessEntry(ScopeAccess access, String consumerName, String ownerName) {
}
