package no.samarbeidsportal.clients;

/**
 * Register a client (admin-api.md 3.2). {@code clientOrgno} absent means the acting organisation; another organisation
 * makes the acting one its supplier (2.5).
 */
public record NewClient(String integrationType, String clientOrgno, ClientAttributes attributes) {

    public NewClient {
        integrationType = integrationType == null || integrationType.isBlank() ? null : integrationType.strip();
        clientOrgno = clientOrgno == null || clientOrgno.isBlank() ? null : clientOrgno.strip();
    }
}
