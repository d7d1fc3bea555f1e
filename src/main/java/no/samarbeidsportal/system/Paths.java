package no.samarbeidsportal.system;

/** Where things live: pages under /portal, the admin API under /, /api/v1 and /external/api/v1 (admin-api.md 1.2). */
public final class Paths {

    public static final String PORTAL = "/portal";
    public static final String API = "/api/v1";
    public static final String API_EXTERNAL = "/external/api/v1";

    private Paths() {
    }

    /** True for requests to the pages and their helpers, which answer HTML; everything else answers JSON. */
    public static boolean isPage(String path) {
        return path.equals(PORTAL) || path.startsWith(PORTAL + "/") || path.startsWith("/dev-login");
    }

    public static boolean isApi(String path) {
        return !isPage(path) && !path.startsWith("/q/") && !path.startsWith("/webjars/")
                && !path.startsWith("/static/") && !path.equals("/") && !path.equals("/favicon.ico");
    }
}
