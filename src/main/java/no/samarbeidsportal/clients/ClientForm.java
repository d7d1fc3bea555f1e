package no.samarbeidsportal.clients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.system.InvalidInput;
import org.jboss.resteasy.reactive.RestForm;

/** The client form ("Ny integrasjon" and the client page). Field names are the API's, so errors find their inputs. */
public class ClientForm {

    @RestForm("integration_type")
    public String integrationType;
    @RestForm("client_orgno")
    public String clientOrgno;
    @RestForm("client_name")
    public String clientName;
    @RestForm
    public String description;
    @RestForm
    public List<String> scopes = new ArrayList<>();
    @RestForm("access_token_lifetime")
    public String accessTokenLifetime;
    @RestForm("client_uri")
    public String clientUri;
    @RestForm("application_type")
    public String applicationType;
    @RestForm("token_endpoint_auth_method")
    public String tokenEndpointAuthMethod;
    /** One redirect URI per line. */
    @RestForm("redirect_uris")
    public String redirectUris;
    @RestForm
    public Integer version;
    /** The create form's key: a repeated submit answers with the first one's client (system/Submissions). */
    @RestForm
    public String submission;

    /** A new client's form: Maskinporten. */
    static ClientForm blank(String integrationType) {
        ClientForm form = new ClientForm();
        form.integrationType = integrationType == null ? IntegrationType.MASKINPORTEN.wireName() : integrationType;
        return form;
    }

    /** The form filled in with the client as it is now, and the version it is at. */
    static ClientForm of(Client c) {
        ClientForm form = new ClientForm();
        form.integrationType = c.integrationType;
        form.clientOrgno = c.clientOrgno;
        form.clientName = c.clientName;
        form.description = c.description;
        form.scopes = new ArrayList<>(c.scopes);
        form.accessTokenLifetime = String.valueOf(c.accessTokenLifetime);
        form.clientUri = c.clientUri;
        form.applicationType = c.applicationType;
        form.tokenEndpointAuthMethod = c.tokenEndpointAuthMethod;
        form.redirectUris = String.join("\n", c.redirectUris);
        form.version = c.version;
        return form;
    }

    /** The customer the form names, when it is a valid number, for the page to show by name. */
    public String customerOrgno() {
        String orgno = OrgNumbers.normalise(clientOrgno);
        return OrgNumbers.problem(orgno) == null ? orgno : null;
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    NewClient toNewClient() {
        return new NewClient(integrationType, OrgNumbers.normalise(clientOrgno), attributes());
    }

    ClientChange toChange() {
        return new ClientChange(null, OrgNumbers.normalise(clientOrgno), attributes(), version);
    }

    private ClientAttributes attributes() {
        List<String> uris = redirectUris == null ? List.of() : Arrays.stream(redirectUris.split("\\R")).toList();
        return new ClientAttributes(clientName, description, clientUri, applicationType, tokenEndpointAuthMethod,
                List.of(), scopes, uris, List.of(), null, null, null, null, lifetime(), null, null, null);
    }

    private Integer lifetime() {
        if (accessTokenLifetime == null || accessTokenLifetime.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(accessTokenLifetime.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("Client", "access_token_lifetime", "field.whole-number");
        }
    }

    /** The integration types the form offers. */
    public List<IntegrationType> integrationTypes() {
        return List.of(IntegrationType.values());
    }

    /** The application types a client with user settings may have. */
    public List<String> applicationTypes() {
        return List.of("web", "browser", "native");
    }

    /** The token endpoint authentication methods a client with user settings may use. */
    public List<String> authMethods() {
        return List.of("private_key_jwt", "client_secret_basic", "client_secret_post", "none");
    }
}
