package no.samarbeidsportal.setup;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An organisation's whole set-up as one document (issue 17): its prefixes (read-only), its active scopes with their
 * access lists, and its own active Maskinporten clients with their public keys. Never a secret or a private key. Rows
 * are sorted, so the same state always gives the same document and the same ETag.
 */
@JsonPropertyOrder({"orgno", "prefixes", "scopes", "clients"})
public record SetupDocument(String orgno, List<String> prefixes, List<SetupScope> scopes, List<SetupClient> clients) {

    public SetupDocument {
        prefixes = prefixes == null ? List.of() : prefixes;
        scopes = scopes == null ? List.of() : scopes;
        clients = clients == null ? List.of() : clients;
    }
}
