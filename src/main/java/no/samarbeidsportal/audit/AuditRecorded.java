package no.samarbeidsportal.audit;

/**
 * Fired synchronously, in the change's own transaction, for every audit line as it is stored (issue 17: webhooks
 * observe it). {@code actorOrgno} is the organisation the acting person or client acted for, null for the system; an
 * observer uses it to tell another organisation's people from the recipient's own.
 */
public record AuditRecorded(AuditEvent event, String actorOrgno) {
}
