package no.samarbeidsportal.scopes.cloudtrust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One generated document: a JSON object ({@code json}) or the text of commands or Terraform ({@code text}). {@code key}
 * is its name in the API's answer and the page's download, {@code fileName} what it is saved as.
 */
public record CloudDocument(String cloud, String key, String fileName, JsonNode json, String text) {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static CloudDocument json(String cloud, String key, String fileName, JsonNode json) {
        return new CloudDocument(cloud, key, fileName, json, null);
    }

    static CloudDocument text(String cloud, String key, String fileName, String text) {
        return new CloudDocument(cloud, key, fileName, null, text);
    }

    /** The document as it is shown, copied and downloaded: indented JSON, or the text as it is. */
    public String content() {
        if (json == null) {
            return text;
        }
        try {
            return PRETTY.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message key of the document's heading on the page. */
    public String titleKey() {
        return "cloudtrust.doc." + key;
    }

    /** The id of the element that holds the document on the page, for its heading and its copy button. */
    public String domId() {
        return "doc-" + cloud + "-" + key.replace('_', '-');
    }

    public String mediaType() {
        return json != null ? "application/json" : "text/plain";
    }
}
