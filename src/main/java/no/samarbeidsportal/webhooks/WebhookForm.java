package no.samarbeidsportal.webhooks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/** The endpoint form on the page: the event types are a checkbox group, "active" a checkbox. */
public class WebhookForm {

    @RestForm
    public String url;

    @RestForm
    public String description;

    @RestForm("event_types")
    public List<String> eventTypes = new ArrayList<>();

    @RestForm
    public String active;

    /** A new endpoint's form: active, nothing chosen. */
    static WebhookForm blank() {
        WebhookForm form = new WebhookForm();
        form.active = "true";
        return form;
    }

    static WebhookForm of(WebhookEndpoint e) {
        WebhookForm form = new WebhookForm();
        form.url = e.url;
        form.description = e.description;
        form.eventTypes = new ArrayList<>(e.eventTypes);
        form.active = e.active ? "true" : null;
        return form;
    }

    /** The types a person may tick, in the order the pages list them. */
    public List<WebhookEventType> getChoices() {
        return Arrays.stream(WebhookEventType.values()).filter(WebhookEventType::subscribable).toList();
    }

    public boolean chosen(String code) {
        return eventTypes != null && eventTypes.contains(code);
    }

    public boolean isActive() {
        return "true".equals(active);
    }

    NewWebhook toNew() {
        return new NewWebhook(url, description, eventTypes, isActive());
    }

    WebhookChange toChange() {
        return new WebhookChange(url, description, eventTypes, isActive());
    }
}
