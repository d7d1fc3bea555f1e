package no.samarbeidsportal.notices;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The acting person follows the acting organisation's notices of {@code topic} at {@code email}. */
public record NewFollow(@NotBlank(message = "notice.topic.required") String topic,
        @NotBlank(message = "notice.email.required") @Size(max = 254, message = "notice.email.long") String email) {

    NewFollow stripped() {
        return new NewFollow(topic == null ? null : topic.strip(), email == null ? null : email.strip());
    }
}
