package no.samarbeidsportal.access;

/**
 * An extension of ours (issue 15): whether a scope's access list loses the organisations the register has as deleted
 * after each register update. Not a member of Digdir's scope model, whose wire format stays as it is.
 */
public record AutoRemovalJson(String scope, Boolean removeDeletedConsumers) {
}
