package no.samarbeidsportal.access;

/**
 * Which entries of a scope's access list to show: revoked ones only with {@code inactive}; {@code consumerOrgno} and
 * {@code ownerOrgno} are the API's filters, {@code text} the page's search on number or name. A null page means all.
 */
public record AccessQuery(boolean inactive, String consumerOrgno, String ownerOrgno, String text, Integer page) {

    public static final int PAGE_SIZE = 50;

    public static AccessQuery all(boolean inactive, String consumerOrgno, String ownerOrgno) {
        return new AccessQuery(inactive, consumerOrgno, ownerOrgno, null, null);
    }
}
