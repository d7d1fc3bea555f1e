package no.samarbeidsportal.system;

/** Page numbers as people and clients send them, made safe for an offset of {@code page * size} rows. */
public final class Paging {

    private Paging() {
    }

    /**
     * {@code page} (from 0) clamped to 0 and to the last page whose first row still has an int offset: a page past
     * the end shows an empty page, {@code page=1000000000} does not overflow into a negative offset.
     */
    public static int page(int page, int size) {
        return Math.min(Math.max(0, page), Integer.MAX_VALUE / Math.max(1, size) - 1);
    }
}
