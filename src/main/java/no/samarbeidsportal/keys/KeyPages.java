package no.samarbeidsportal.keys;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.samarbeidsportal.clients.TokenHelp;
import no.samarbeidsportal.system.Confirmation;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A client's keys and certificates: add by pasting or uploading (JWK, JWKS, PEM key or certificate, DER), remove one,
 * or make a key pair in the browser and register its public half.
 */
@Path(Paths.PORTAL + "/clients/keys")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class KeyPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance keys(KeyService.KeySet set, String text, InvalidInput errors, TokenHelp help);

        static native TemplateInstance keys$keys(KeyService.KeySet set, String text, InvalidInput errors);
    }

    private final KeyService keys;
    private final Flash flash;
    private final Issuers issuers;

    @Context
    UriInfo uri;

    KeyPages(KeyService keys, Flash flash, Issuers issuers) {
        this.keys = keys;
        this.flash = flash;
        this.issuers = issuers;
    }

    @GET
    public TemplateInstance list(@RestQuery String client) {
        return page(keys.keys(client), "", null);
    }

    /** Adds the pasted or uploaded keys; an uploaded file is passed on as it is, since a DER certificate is binary. */
    @POST
    public Object add(@RestQuery String client, @RestForm("keys") String text, @RestForm FileUpload file,
            @HeaderParam("HX-Request") boolean htmx) {
        String pasted = text == null ? "" : text;
        try {
            byte[] body = file != null && file.size() > 0 ? Files.readAllBytes(file.uploadedFile())
                    : pasted.getBytes(StandardCharsets.UTF_8);
            Set<String> before = keys.keys(client).keys().stream().map(k -> k.kid).collect(Collectors.toSet());
            KeyService.KeySet set = keys.add(client, body);
            // the kids this form added; a key sent again renews itself and is named as well
            List<String> added = set.keys().stream().map(k -> k.kid).filter(kid -> !before.contains(kid)).toList();
            String kids = String.join(", ", added.isEmpty() ? set.keys().stream().map(k -> k.kid).toList() : added);
            if (!htmx) {
                return Flash.seeOther(page(client), "key.added.named", kids);
            }
            flash.announce("key.added.named", kids);
            return Templates.keys$keys(set, "", null);
        } catch (InvalidInput e) {
            // what was pasted is shown again only if it held no private key
            String again = e.errors().stream().anyMatch(f -> "key.private".equals(f.messageKey())) ? "" : pasted;
            KeyService.KeySet set = keys.keys(client);
            return Htmx.invalid(htmx ? Templates.keys$keys(set, again, e) : page(set, again, e));
        } catch (IOException | UncheckedIOException e) {
            KeyService.KeySet set = keys.keys(client);
            InvalidInput unreadable = InvalidInput.of("JWKS", "file", "key.file.unreadable");
            return Htmx.invalid(htmx ? Templates.keys$keys(set, "", unreadable) : page(set, "", unreadable));
        }
    }

    @POST
    @Path("remove")
    public Object remove(@RestQuery String client, @RestForm String kid, @RestForm String ask,
            @HeaderParam("HX-Request") boolean htmx) {
        if (Confirmation.asked(ask)) {
            KeyService.KeySet set = keys.keys(client);
            String known = set.keys().stream().map(k -> k.kid).filter(k -> k.equals(kid)).findFirst()
                    .orElseThrow(() -> new no.samarbeidsportal.system.NotFound("key.not-found", kid));
            return Confirmation.page("key.remove.confirm", new Object[] {known}, "key.remove.confirm.button",
                    Paths.portal("clients/keys/remove", "client", client), Confirmation.field("kid", known),
                    page(client));
        }
        KeyService.KeySet set = keys.remove(client, kid);
        if (!htmx) {
            return Flash.seeOther(page(client), "key.removed.named", kid);
        }
        flash.announce("key.removed.named", kid);
        return Templates.keys$keys(set, "", null);
    }

    /** The whole page, with the token example the key generator fills in for the key it makes. */
    private TemplateInstance page(KeyService.KeySet set, String text, InvalidInput errors) {
        return Templates.keys(set, text, errors, TokenHelp.forNewKey(issuers, set.client(), TokenHelp.served(uri)));
    }

    private static String page(String client) {
        return Paths.portal("clients/keys", "client", client);
    }
}
