package no.samarbeidsportal.system;

/** The admin API's request bodies: a PUT or POST without one is Digdir's 400 on the object, like malformed JSON. */
public final class JsonBody {

    private JsonBody() {
    }

    /** The body; a missing one is a 400 on {@code objectName} (admin-api.md 6.7). */
    public static <T> T required(T body, String objectName) {
        if (body == null) {
            throw InvalidInput.of(objectName, "", "error.json.malformed");
        }
        return body;
    }
}
