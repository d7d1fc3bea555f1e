package no.samarbeidsportal.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import no.samarbeidsportal.clients.Client;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.keys.KeyService;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.scopes.NewScope;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.system.FieldError;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Violations;

/**
 * Checks a whole set-up document before anything is planned or written: every rule the services would apply to each
 * object that can be known without writing, each error named by its place in the document ({@code scopes[2].name},
 * {@code clients[0].jwks[1]}), all at once. Returns each client's key thumbprints by kid, which the plan compares.
 */
@ApplicationScoped
class SetupCheck {

    private final Validator validator;
    private final KeyService keys;
    private final SetupReader reader;

    SetupCheck(Validator validator, KeyService keys, SetupReader reader) {
        this.validator = validator;
        this.keys = keys;
        this.reader = reader;
    }

    /** The thumbprints by kid of each document client's keys, in document order; or one InvalidInput with all errors. */
    List<Map<String, String>> check(String orgno, Set<String> prefixes, SetupDocument doc) {
        List<FieldError> errors = new ArrayList<>();
        if (doc.orgno() != null && !doc.orgno().strip().equals(orgno)) {
            errors.add(new FieldError("orgno", "setup.orgno.other", orgno));
        }
        for (int i = 0; i < doc.prefixes().size(); i++) {
            if (!prefixes.contains(doc.prefixes().get(i))) {
                errors.add(new FieldError("prefixes[" + i + "]", "setup.prefix.foreign", doc.prefixes().get(i)));
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < doc.scopes().size(); i++) {
            scope("scopes[" + i + "]", doc.scopes().get(i), orgno, prefixes, names, errors);
        }
        Set<String> ids = new HashSet<>();
        List<Map<String, String>> thumbprints = new ArrayList<>();
        for (int i = 0; i < doc.clients().size(); i++) {
            thumbprints.add(client("clients[" + i + "]", doc.clients().get(i), orgno, ids, errors));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(SetupReader.OBJECT, errors);
        }
        return thumbprints;
    }

    private void scope(String place, SetupScope s, String orgno, Set<String> prefixes, Set<String> names,
            List<FieldError> errors) {
        String name = s.fullName();
        String prefix = s.prefixOfName();
        String subscope = s.subscopeOfName();
        NewScope cmd = new NewScope(prefix, subscope, s.attributes(null));
        int before = errors.size();
        collect(place, errors, () -> Violations.of(validator, cmd, "Scope").and(validator, cmd.attributes()));
        if (errors.size() > before) {
            return;
        }
        if (s.name() != null && !s.name().isBlank() && !s.name().strip().equals(cmd.name())) {
            errors.add(new FieldError(place + ".name", "setup.scope.name-mismatch", cmd.name()));
        } else if (!prefixes.contains(prefix)) {
            errors.add(new FieldError(place + ".prefix", "setup.prefix.foreign", prefix));
        } else if (Scope.named(name).filter(found -> !found.ownerOrgno.equals(orgno)).isPresent()) {
            errors.add(new FieldError(place + ".name", "setup.scope.foreign", name));
        } else if (!names.add(name)) {
            errors.add(new FieldError(place + ".name", "setup.duplicate", name));
        }
        List<String> types = cmd.attributes().allowedIntegrationTypes();
        for (int j = 0; j < types.size(); j++) {
            if (IntegrationType.ofWireName(types.get(j)).isEmpty()) {
                errors.add(new FieldError(place + ".allowed_integration_types[" + j + "]",
                        "scope.integration-type.unknown", types.get(j)));
            }
        }
        List<String> access = s.access() == null ? List.of() : s.access();
        for (int j = 0; j < access.size(); j++) {
            String consumer = access.get(j) == null ? null : access.get(j).strip();
            if (consumer == null || !OrgNumberValidator.isValid(consumer)) {
                errors.add(new FieldError(place + ".access[" + j + "]", OrgNumbers.problem(consumer)));
            }
        }
    }

    private Map<String, String> client(String place, SetupClient c, String orgno, Set<String> ids,
            List<FieldError> errors) {
        if (c.clientId() != null) {
            Client found = Client.byClientId(c.clientId()).filter(x -> x.clientOrgno.equals(orgno)
                    && x.supplierOrgno == null && x.isMaskinporten()).orElse(null);
            if (found == null) {
                errors.add(new FieldError(place + ".client_id", "setup.client.unknown", c.clientId()));
            } else if (!found.active) {
                errors.add(new FieldError(place + ".client_id", "setup.client.inactive", c.clientId()));
            } else if (!ids.add(c.clientId())) {
                errors.add(new FieldError(place + ".client_id", "setup.duplicate", c.clientId()));
            }
        }
        if (c.integrationType() != null && !SetupClient.MASKINPORTEN.equals(c.integrationType().strip())) {
            errors.add(new FieldError(place + ".integration_type", "setup.client.maskinporten-only"));
        }
        var a = c.attributes(null);
        collect(place, errors, () -> Violations.of(validator, a, "Client"));
        if (a.applicationType() != null && !a.applicationType().equals("web")) {
            errors.add(new FieldError(place + ".application_type", "client.application-type.machine",
                    SetupClient.MASKINPORTEN));
        }
        if (a.tokenEndpointAuthMethod() != null && !a.tokenEndpointAuthMethod().equals("private_key_jwt")) {
            errors.add(new FieldError(place + ".token_endpoint_auth_method", "client.auth-method.machine",
                    SetupClient.MASKINPORTEN));
        }
        if (a.grantTypes().stream().anyMatch(g -> !g.equals(SetupClient.JWT_BEARER) && !g.equals("jwt_bearer_token"))) {
            errors.add(new FieldError(place + ".grant_types", "client.grant-types.machine", SetupClient.MASKINPORTEN));
        }
        if (a.scopes().isEmpty()) {
            errors.add(new FieldError(place + ".scopes", "client.scopes.required"));
        }
        if (c.keys().isEmpty()) {
            return Map.of();
        }
        Violations violations = Violations.of("JWKS");
        Map<String, String> thumbprints = keys.thumbprints(orgno, reader.write(Map.of("keys", c.keys())), violations);
        collect(place, errors, () -> violations);
        return thumbprints;
    }

    /** The errors {@code violations} holds, moved under {@code place}: {@code keys[1].kid} becomes {@code jwks[1].kid}. */
    private static void collect(String place, List<FieldError> errors, Supplier<Violations> violations) {
        try {
            violations.get().throwIfAny();
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.add(SetupService.placed(place, f)));
        }
    }
}
