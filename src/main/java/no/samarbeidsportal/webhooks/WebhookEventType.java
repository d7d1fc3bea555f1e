package no.samarbeidsportal.webhooks;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an endpoint can subscribe to (issue 17). The code is the Standard Webhooks {@code type} of the body, the value
 * the API takes in {@code event_types}, and, prefixed with {@code webhooks.type.}, the message key pages show.
 * Codes are part of the contract: they never change.
 */
public enum WebhookEventType {

    ACCESS_GRANTED("access.granted"),
    ACCESS_REMOVED("access.removed"),
    ACCESS_REQUESTED("access.requested"),
    ACCESS_DECIDED("access.decided"),
    SCOPE_CREATED("scope.created"),
    SCOPE_CHANGED("scope.changed"),
    SCOPE_DEACTIVATED("scope.deactivated"),
    CLIENT_CREATED("client.created"),
    CLIENT_CHANGED("client.changed"),
    CLIENT_DEACTIVATED("client.deactivated"),
    KEY_ADDED("key.added"),
    KEY_REMOVED("key.removed"),
    KEY_EXPIRING("key.expiring"),
    KEY_EXPIRED("key.expired"),
    DELEGATION_GIVEN("delegation.given"),
    DELEGATION_WITHDRAWN("delegation.withdrawn"),
    SUPPLIER_APPOINTED("supplier.appointed"),
    SUPPLIER_ENDED("supplier.ended"),
    /** The "send a test event" button's; sent to that one endpoint only, never subscribed to. */
    WEBHOOK_TEST("webhook.test");

    private final String code;

    WebhookEventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return "webhooks.type." + code;
    }

    /** Whether an endpoint may list it in its event types. */
    public boolean subscribable() {
        return this != WEBHOOK_TEST;
    }

    public static Optional<WebhookEventType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
