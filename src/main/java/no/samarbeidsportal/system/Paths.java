package no.samarbeidsportal.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where things live: pages under /portal, the admin API under /, /api/v1 and /external/api/v1 (admin-api.md 1.2). */
public final class Paths {

    public static final String PORTAL = "/portal";
    public static final String API = "/api/v1";
    public static final String API_EXTERNAL = "/external/api/v1";

    private Paths() {
    }

    /** A page's address: {@code portal("orgs/" + orgno)} is /portal/orgs/310000019. */
    public static String portal(String path) {
        return PORTAL + "/" + path;
    }

    /** A page's address with one query parameter, URL-encoded: {@code portal("clients/view", "client", id)}. */
    public static String portal(String path, String name, String value) {
        return portal(path) + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** True for the start page and the pages below it. */
    public static boolean isPortal(String path) {
        return path.equals(PORTAL) || path.startsWith(PORTAL + "/");
    }

    /** True for requests to the pages and their helpers, which answer HTML; everything else answers JSON. */
    public static boolean isPage(String path) {
        return isPortal(path) || path.startsWith("/dev-login");
    }

    public static boolean isApi(String path) {
        return !isPage(path) && !path.startsWith("/q/") && !path.startsWith("/webjars/")
                && !path.startsWith("/static/") && !path.equals("/") && !path.equals("/favicon.ico");
    }
}
