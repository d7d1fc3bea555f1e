package no.samarbeidsportal.clients;

/**
 * Replace a client's attributes (admin-api.md 3.4). {@code integrationType} and {@code clientOrgno} absent keep the
 * stored values; {@code version} (a page's hidden field or the API's If-Match) guards against lost updates.
 */
public record ClientChange(String integrationType, String clientOrgno, ClientAttributes attributes, Integer version) {

    public ClientChange {
        integrationType = integrationType == null || integrationType.isBlank() ? null : integrationType.strip();
        clientOrgno = clientOrgno == null || clientOrgno.isBlank() ? null : clientOrgno.strip();
    }
}
