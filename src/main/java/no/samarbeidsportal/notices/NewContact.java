package no.samarbeidsportal.notices;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Add {@code email} to the acting organisation's contacts for {@code topic} (ACCESS, KEYS or INCIDENTS). */
public record NewContact(@NotBlank(message = "notice.topic.required") String topic,
        @NotBlank(message = "notice.email.required") @Size(max = 254, message = "notice.email.long") String email) {

    /**
     * An address with one @, a dot in its domain and no spaces or angle brackets: what a person means by an e-mail
     * address. Checked by the service only once the length is known to be sane (a regex over megabytes is slow).
     */
    static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
            "[^\\s@<>,;\"]+@[^\\s@<>,;\"]+\\.[^\\s@<>,;\".]+");

    /** The same with spaces around the address dropped. */
    NewContact stripped() {
        return new NewContact(topic == null ? null : topic.strip(), email == null ? null : email.strip());
    }
}
