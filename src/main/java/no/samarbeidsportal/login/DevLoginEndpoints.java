package no.samarbeidsportal.login;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.identity.Person;
import no.samarbeidsportal.system.NotFound;
import org.jboss.resteasy.reactive.RestResponse;

/** The demo login's OpenID Connect endpoints under /dev-login; all 404 unless portal.dev-login.enabled. */
@Path("/dev-login")
@PermitAll
public class DevLoginEndpoints {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance authorize(List<Person> people, String clientId, String redirectUri,
                String state, String nonce);
    }

    private final DevLoginConfig config;
    private final DevLogin login;

    DevLoginEndpoints(DevLoginConfig config, DevLogin login) {
        this.config = config;
        this.login = login;
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> discovery(@Context UriInfo uri) {
        String issuer = issuer(uri);
        enabled();
        return Map.of("issuer", issuer,
                "authorization_endpoint", issuer + "/authorize",
                "token_endpoint", issuer + "/token",
                "jwks_uri", issuer + "/jwks",
                "end_session_endpoint", issuer + "/logout",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() {
        enabled();
        return login.publicKeys();
    }

    @GET
    @Path("authorize")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance authorize(@QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
            @QueryParam("nonce") String nonce, @Context UriInfo uri) {
        enabled();
        checkClient(clientId);
        checkRegistered(redirectUri, config.redirectPath(), uri);
        return Templates.authorize(login.people(), clientId, redirectUri, state, nonce);
    }

    @POST
    @Path("authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<Object> choose(@FormParam("client_id") String clientId,
            @FormParam("redirect_uri") String redirectUri, @FormParam("state") String state,
            @FormParam("nonce") String nonce, @FormParam("subject") String chosen, @FormParam("other") String other,
            @Context UriInfo uri) {
        enabled();
        checkClient(clientId);
        checkRegistered(redirectUri, config.redirectPath(), uri);
        String subject = other != null && !other.isBlank() ? other : chosen;
        if (subject == null || subject.isBlank() || redirectUri == null) {
            throw new NotFound("error.not-found");
        }
        String code = login.issueCode(subject.trim(), nonce, redirectUri);
        UriBuilder back = UriBuilder.fromUri(redirectUri).queryParam("code", code);
        if (state != null) {
            back.queryParam("state", state);
        }
        return RestResponse.seeOther(back.build());
    }

    @GET
    @Path("logout")
    public RestResponse<Object> logout(@QueryParam("post_logout_redirect_uri") String back,
            @QueryParam("state") String state, @Context UriInfo uri) {
        enabled();
        if (back == null) {
            return RestResponse.seeOther(UriBuilder.fromPath(config.postLogoutPath()).build());
        }
        // OpenID Connect RP-Initiated Logout 1.0, 3: only a registered post_logout_redirect_uri, else no redirect
        checkRegistered(back, config.postLogoutPath(), uri);
        UriBuilder to = UriBuilder.fromUri(back);
        if (state != null) {
            to.queryParam("state", state);
        }
        return RestResponse.seeOther(to.build());
    }

    private void enabled() {
        if (!config.enabled()) {
            throw new NotFound("error.not-found");
        }
    }

    private void checkClient(String clientId) {
        if (!config.clientId().equals(clientId)) {
            throw new NotFound("error.not-found");
        }
    }

    /**
     * The demo login serves the portal on its own address only: a code or a logout goes back to exactly the portal's
     * registered path on the address this request came to (RFC 6749 3.1.2.3: an exact match, no open redirect).
     */
    private static void checkRegistered(String address, String registeredPath, UriInfo uri) {
        String registered = uri.getBaseUriBuilder().replacePath(registeredPath).replaceQuery(null).build().toString();
        if (address == null || !address.equals(registered)) {
            throw new RedirectRefused();
        }
    }

    static String issuer(UriInfo uri) {
        return uri.getBaseUriBuilder().path("dev-login").build().toString().replaceAll("/$", "");
    }
}
