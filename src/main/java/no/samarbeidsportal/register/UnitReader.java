package no.samarbeidsportal.register;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads units in Brønnøysund's JSON (the {@code Enhet} / {@code Underenhet} of the open-data API, also the items of a
 * {@code lastned} file) one object at a time, keeping only what the register copy holds: memory stays flat however
 * long the array is.
 */
final class UnitReader {

    static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern ORGNO = Pattern.compile("[0-9]{9}");

    private UnitReader() {
    }

    /**
     * Passes every unit of a JSON array to {@code sink}, and returns how many were skipped for want of a valid
     * number or a name. A stream that ends before the array does is an error, not a short register.
     */
    static long readArray(InputStream in, RegisterKind kind, Instant now, Consumer<RegisterUnit> sink)
            throws IOException {
        long skipped = 0;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(p, "expected a JSON array of units");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                RegisterUnit unit = readObject(p, kind, now);
                if (unit == null) {
                    skipped++;
                } else {
                    sink.accept(unit);
                }
            }
            if (t != JsonToken.END_ARRAY) {
                throw new JsonParseException(p, "the array of units ends early or holds something else: " + t);
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "something follows the array of units");
            }
        }
        return skipped;
    }

    /** One unit, as {@code GET /enheter/{orgnr}} answers it; null when it has no valid number or no name. */
    static RegisterUnit readOne(InputStream in, RegisterKind kind, Instant now) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a unit object");
            }
            return readObject(p, kind, now);
        }
    }

    /** Reads the object the parser stands at the start of, up to and including its end. */
    static RegisterUnit readObject(JsonParser p, RegisterKind kind, Instant now) throws IOException {
        String orgno = null;
        String name = null;
        String form = null;
        String parent = null;
        boolean bankrupt = false;
        boolean liquidation = false;
        boolean forced = false;
        LocalDate deleted = null;
        LocalDate closed = null;
        LocalDate registered = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "organisasjonsnummer" -> orgno = text(p, value);
                case "navn" -> name = text(p, value);
                case "overordnetEnhet" -> parent = text(p, value);
                case "konkurs" -> bankrupt = value == JsonToken.VALUE_TRUE;
                case "underAvvikling" -> liquidation = value == JsonToken.VALUE_TRUE;
                case "underTvangsavviklingEllerTvangsopplosning" -> forced = value == JsonToken.VALUE_TRUE;
                case "slettedato" -> deleted = date(p, value);
                case "nedleggelsesdato" -> closed = date(p, value);
                case "registreringsdatoEnhetsregisteret" -> registered = date(p, value);
                case "organisasjonsform" -> form = code(p, value);
                default -> p.skipChildren();
            }
        }
        // PostgreSQL text holds no NUL: one such unit would otherwise fail every load and feed run
        name = withoutNul(name);
        form = withoutNul(form);
        if (orgno == null || !ORGNO.matcher(orgno).matches() || name == null || name.isBlank()) {
            return null;
        }
        if (parent != null && !ORGNO.matcher(parent).matches()) {
            parent = null;
        }
        LocalDate deletedOn = deleted != null ? deleted : closed;
        RegisterStatus status = deletedOn != null ? RegisterStatus.DELETED
                : bankrupt ? RegisterStatus.BANKRUPT
                : forced ? RegisterStatus.UNDER_FORCED_LIQUIDATION
                : liquidation ? RegisterStatus.UNDER_LIQUIDATION
                : RegisterStatus.ACTIVE;
        return new RegisterUnit(orgno, name.length() > 500 ? name.substring(0, 500) : name,
                form != null && form.length() <= 16 ? form : null, parent, status, deletedOn, registered, kind, now);
    }

    private static String withoutNul(String value) {
        return value == null ? null : value.replace("\0", "");
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static LocalDate date(JsonParser p, JsonToken value) throws IOException {
        String s = text(p, value);
        if (s == null || s.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code organisasjonsform.kode}. */
    private static String code(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String code = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("kode")) {
                code = text(p, v);
            } else {
                p.skipChildren();
            }
        }
        return code;
    }
}
