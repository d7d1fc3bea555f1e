package no.samarbeidsportal.register;

/**
 * Fired after a register update committed a change to the copy (a full load or changes from the feed), for features
 * above that act on the register's statuses; the register itself knows nothing of them.
 *
 * @param fullLoad whether the copy was loaded in full rather than updated from the change feed
 */
public record RegisterUpdated(boolean fullLoad) {
}
