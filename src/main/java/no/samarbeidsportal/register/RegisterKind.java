package no.samarbeidsportal.register;

/** Enhetsregisteret's two kinds of unit; each has its own download, change feed and lookup. */
public enum RegisterKind {
    ENHET("enheter", "oppdaterteEnheter"),
    UNDERENHET("underenheter", "oppdaterteUnderenheter");

    private final String path;
    private final String feedMember;

    RegisterKind(String path, String feedMember) {
        this.path = path;
        this.feedMember = feedMember;
    }

    /** The path segment of its resources: {@code enheter/lastned}, {@code oppdateringer/enheter}. */
    String path() {
        return path;
    }

    /** The HAL member of a change-feed page that holds the changes. */
    String feedMember() {
        return feedMember;
    }
}
