package no.samarbeidsportal.identity;

/**
 * The attributes of a machine's security identity, set when an admin token is verified and read by
 * {@link ActorResolver}: kept here so that who is acting does not depend on how a token is checked.
 */
public final class MachineIdentity {

    /** The organisation the token acts for ({@code consumer}, or the represented one when delegated). */
    public static final String ORGNO = "portal.orgno";
    /** The token's scopes. */
    public static final String SCOPES = "portal.scopes";
    /** The token was delegated by another organisation. */
    public static final String DELEGATED = "portal.delegated";
    /** The token carries a {@code supplier} claim: a supplier's client, never the customer's administrator. */
    public static final String SUPPLIED = "portal.supplied";
    /** A person's user token (Ansattporten, ID-porten), not a client's: it may only read what was granted. */
    public static final String USER_TOKEN = "portal.user-token";

    private MachineIdentity() {
    }
}
