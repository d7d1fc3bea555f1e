package no.samarbeidsportal.notices;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One of the organisation's notice contacts in the API: an address that gets the notices of a topic. */
public record ContactJson(@JsonProperty(access = JsonProperty.Access.READ_ONLY) Long id, String topic, String email,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant created) {

    static ContactJson of(NoticeContact c) {
        return new ContactJson(c.id, c.topic.name(), c.email, c.created);
    }

    NewContact toCommand() {
        return new NewContact(topic, email);
    }
}
