package no.samarbeidsportal.clients;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An onbehalfof entry on the wire (admin-api.md 3.8), alone and in the client's {@code onbehalfof} array. Read-only
 * members are typed loosely so that an echoed entry is accepted; Digdir's old names {@code display_name} and
 * {@code url} are unknown and ignored.
 */
@JsonPropertyOrder({"onbehalfof", "name", "orgno", "client_uri", "description", "created", "last_updated"})
public record OnBehalfOfJson(
        String onbehalfof,
        String name,
        String orgno,
        String clientUri,
        String description,
        @Schema(type = SchemaType.STRING, format = "date-time", readOnly = true) Object created,
        @Schema(type = SchemaType.STRING, format = "date-time", readOnly = true) Object lastUpdated) {

    static OnBehalfOfJson of(OnBehalfOf e) {
        return new OnBehalfOfJson(e.onbehalfof, e.name, e.orgno, e.clientUri, e.description, e.created,
                e.lastUpdated);
    }

    NewOnBehalfOf toCommand() {
        return new NewOnBehalfOf(onbehalfof, name, orgno, clientUri, description);
    }
}
