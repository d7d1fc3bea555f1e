package no.samarbeidsportal.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import no.samarbeidsportal.history.HistoryService;
import no.samarbeidsportal.history.HistoryWords;
import no.samarbeidsportal.identity.ActorResolver;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.orgs.OrganisationService;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.PageContext;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

/** The acting organisation's dashboard, the organisation switcher, "who am I", language and login. */
@Path(Paths.PORTAL)
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(DashboardService.Dashboard dashboard, List<HistoryWords.Row> recent);

        static native TemplateInstance me(Permission[] allPermissions);
    }

    /** The switch's message: "Du handler nå for Testkommune (974 761 076)." */
    static final String SWITCHED = "switcher.now-acting-for";

    private final DashboardService dashboards;
    private final OrganisationService organisations;
    private final HistoryWords words;
    private final PageContext page;
    private final Flash flash;

    DashboardPages(DashboardService dashboards, OrganisationService organisations, HistoryWords words,
            PageContext page, Flash flash) {
        this.dashboards = dashboards;
        this.organisations = organisations;
        this.words = words;
        this.page = page;
        this.flash = flash;
    }

    @GET
    @Authenticated
    public TemplateInstance dashboard() {
        DashboardService.Dashboard dashboard = dashboards.dashboard();
        if (dashboard.organisation() != null) {
            flash.arguments(SWITCHED, dashboard.organisation().name, dashboard.organisation().formattedOrgno());
        }
        return Templates.dashboard(dashboard, words.rows(HistoryService.History.of(dashboard.recent()), page.locale()));
    }

    @GET
    @Path("me")
    @Authenticated
    public TemplateInstance me() {
        return Templates.me(Permission.values());
    }

    /** The header's organisation switcher: the choice is kept in a cookie and checked again on every request. */
    @POST
    @Path("organisation")
    @Authenticated
    public RestResponse<Object> switchOrganisation(@RestForm String orgno) {
        Organisation org = organisations.switchTo(orgno);
        // the dashboard names the organisation now acting for in the message (it is the one the switch chose)
        RestResponse<Object> back = Flash.seeOther(Paths.PORTAL, SWITCHED);
        return RestResponse.ResponseBuilder.fromResponse(back)
                .cookie(new NewCookie.Builder(ActorResolver.ORG_COOKIE).value(org.orgno).path("/")
                        .httpOnly(true).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    /** Starts the login (the OIDC code flow runs before this method) and lands on the dashboard. */
    @GET
    @Path("login")
    @Authenticated
    public RestResponse<Object> login() {
        return RestResponse.seeOther(URI.create(Paths.PORTAL));
    }

    /** The login provider returns here; quarkus-oidc finishes the code flow and goes back to the page asked for. */
    @GET
    @Path("callback")
    @Authenticated
    public RestResponse<Object> callback() {
        return RestResponse.seeOther(URI.create(Paths.PORTAL));
    }

    /** quarkus-oidc ends the session here (quarkus.oidc.logout.path) before this method would run. */
    @GET
    @Path("logout")
    @Authenticated
    public RestResponse<Object> logout() {
        return RestResponse.seeOther(URI.create(Paths.PORTAL));
    }

    @GET
    @Path("lang/{lang}")
    @PermitAll
    public RestResponse<Object> language(@PathParam("lang") String lang, @HeaderParam("Referer") String referer) {
        // back to the page the person was on, when it is one of ours
        URI back = URI.create(Paths.PORTAL);
        try {
            URI from = referer == null ? null : new URI(referer.replace(" ", "%20"));
            // only the path and query are kept, so the redirect never leaves this host
            if (from != null && from.getRawPath() != null && Paths.isPortal(from.getRawPath())) {
                back = new URI(from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery()));
            }
        } catch (URISyntaxException e) {
            // a Referer that is no URI: back to the start page
        }
        return RestResponse.ResponseBuilder.seeOther(back)
                .cookie(new NewCookie.Builder(PageContext.COOKIE).value(PageContext.of(lang).getLanguage())
                        .path("/").maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build())
                .<Object>build();
    }
}
