package no.samarbeidsportal.access;

/**
 * Which entries of a scope's access list to show: revoked ones only with {@code inactive}; {@code consumerOrgno} and
 * {@code ownerOrgno} are the API's filters, {@code text} the page's search on number or name, {@code onlyRemovable}
 * the page's filter on organisations the register has as deleted, bankrupt or being wound up. A null page means all.
 */
public record AccessQuery(boolean inactive, String consumerOrgno, String ownerOrgno, String text, Integer page,
        boolean onlyRemovable) {

    public static final int PAGE_SIZE = 50;

    public AccessQuery(boolean inactive, String consumerOrgno, String ownerOrgno, String text, Integer page) {
        this(inactive, consumerOrgno, ownerOrgno, text, page, false);
    }

    public static AccessQuery all(boolean inactive, String consumerOrgno, String ownerOrgno) {
        return new AccessQuery(inactive, consumerOrgno, ownerOrgno, null, null);
    }
}
