package no.samarbeidsportal.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of malformed input: odd strings and numbers, JSON of the wrong shape, byte-level damage. All
 * randomness comes from one {@link Random}, so one seed gives the same inputs on every run.
 */
final class Malformed {

    /** JSON text inserted as is, for numbers Java cannot hold (1e309, 99999999999999999999, -0). */
    record Raw(String json) {
    }

    final Random random;
    /**
     * {@code -Dbadinput.generic=false} leaves out what the generic request-hygiene layer refuses (NUL and other
     * control characters, broken percent-encoding), to see what is left for the features; the CI run sends it all.
     */
    static final boolean GENERIC = Boolean.parseBoolean(System.getProperty("badinput.generic", "true"));

    Malformed(long seed) {
        this.random = new Random(seed);
    }

    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    final <T> T pickOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** Strings that break length limits, encodings, parsers and databases. */
    String string() {
        String value = anyString();
        return GENERIC ? value : value.codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private String anyString() {
        return switch (random.nextInt(24)) {
            case 0 -> "";
            case 1 -> " \t ";
            case 2 -> "x".repeat(between(256, 5000));
            case 3 -> "æøå".repeat(between(100, 3000));
            case 4 -> "a\u0000b";
            case 5 -> "\u0000";
            case 6 -> "line\r\nInjected: header";
            case 7 -> "\uD800";
            case 8 -> "\uDFFF\uD800x";
            case 9 -> "\uFEFF\u202E\u200B\u0301";
            case 10 -> "😀".repeat(between(1, 600));
            case 11 -> "' or 1=1; drop table scope; --";
            case 12 -> "<script>alert(1)</script>{inject:page}{#include layout/}";
            case 13 -> "../../../etc/passwd";
            case 14 -> "%00%zz%2e%2e%u0000";
            case 15 -> "${jndi:ldap://127.0.0.1/x}";
            case 16 -> String.valueOf(random.nextLong());
            case 17 -> "991825827";
            case 18 -> "alfa:" + "x".repeat(between(1, 300));
            case 19 -> "\\\\\\\"\"\"";
            case 20 -> new String(bytes(between(1, 64)), StandardCharsets.ISO_8859_1);
            case 21 -> "https://evil.example/" + "a".repeat(between(0, 3000));
            case 22 -> "NaN";
            default -> "\u0001\u0002\u0007\u001b[31m\u007f";
        };
    }

    /** A value of any JSON type, often the wrong one. */
    Object value(int depth) {
        return switch (random.nextInt(depth > 2 ? 12 : 16)) {
            case 0, 1, 2 -> string();
            case 3 -> new Raw(pickOf("1e309", "-1e309", "-0", "99999999999999999999", "-99999999999999999999",
                    "2147483648", "-2147483649", "9223372036854775808", "0.5", "1E2", "-1", "0", "4.9e-324",
                    "123456789012345678901234567890.5"));
            case 4 -> random.nextInt();
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> List.of();
            case 8 -> Map.of();
            case 9 -> Integer.MAX_VALUE;
            case 10 -> Long.MIN_VALUE;
            case 11 -> -random.nextDouble() * 1e12;
            case 12 -> java.util.Arrays.asList(value(depth + 1), value(depth + 1));
            case 13 -> java.util.Collections.singletonMap("a", value(depth + 1));
            case 14 -> new Raw("[".repeat(between(10, 3000)) + "]".repeat(between(0, 3000)));
            default -> new Raw("{\"a\":".repeat(between(10, 2000)) + "1" + "}".repeat(between(0, 2000)));
        };
    }

    byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    /** JSON text of maps, lists, strings, numbers and {@link Raw}; every non-ASCII character escaped. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    /** {@code template} broken in one of many ways: wrong types, missing or extra members, wrong shape, damage. */
    String jsonBody(Map<String, Object> template) {
        Map<String, Object> body = new LinkedHashMap<>(template);
        List<String> keys = new ArrayList<>(template.keySet());
        switch (random.nextInt(14)) {
            case 0, 1, 2, 3 -> body.put(pick(keys), value(0));
            case 4 -> {
                for (int i = between(2, 5); i > 0; i--) {
                    body.put(pick(keys), value(0));
                }
            }
            case 5 -> keys.stream().filter(k -> chance(0.5)).forEach(body::remove);
            case 6 -> {
                body.put(pickOf("created", "last_updated", "client_id", "owner_orgno", "supplier_orgno", "active",
                        "name", "client_secret", "jwks", "id", string()), value(0));
            }
            case 7 -> {
                String text = json(body);
                // a duplicate member: which one wins is the parser's business, but never a 500
                return text.substring(0, text.length() - 1) + (body.isEmpty() ? "" : ",") + json(pick(keys)) + ":"
                        + json(value(0)) + "}";
            }
            case 8 -> {
                return json(pickOf(List.of(body), List.of(), "string", new Raw("42"), null, new Raw("1e309"),
                        List.of(body, body)));
            }
            case 9 -> {
                String text = json(body);
                return text.substring(0, random.nextInt(text.length()));
            }
            case 10 -> {
                byte[] text = json(body).getBytes(StandardCharsets.UTF_8);
                for (int i = between(1, 4); i > 0; i--) {
                    text[random.nextInt(text.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return new String(text, StandardCharsets.ISO_8859_1);
            }
            case 11 -> {
                return pickOf("", " ", "null", "{", "}", "[", "{\"a\"}", "{'single':'quotes'}", "{\"a\":1,}",
                        "/* comment */ {}", "\uFEFF{}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}");
            }
            case 12 -> body.put(pick(keys), "x".repeat(between(1001, 100_000)));
            default -> body.put(pick(keys), java.util.Arrays.asList(value(0), value(0), value(0)));
        }
        return json(body);
    }

    /** Damage to any byte string: truncation, bit flips, insertions. */
    byte[] damage(byte[] input) {
        byte[] out = input.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                return java.util.Arrays.copyOf(out, random.nextInt(Math.max(1, out.length)));
            }
            case 1, 2 -> {
                for (int i = between(1, 8); i > 0 && out.length > 0; i--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            default -> {
                int at = random.nextInt(out.length + 1);
                byte[] extra = bytes(between(1, 32));
                byte[] joined = new byte[out.length + extra.length];
                System.arraycopy(out, 0, joined, 0, at);
                System.arraycopy(extra, 0, joined, at, extra.length);
                System.arraycopy(out, at, joined, at + extra.length, out.length - at);
                return joined;
            }
        }
    }

    /** Query or form values, percent-encoded, sometimes with encoding errors left in on purpose. */
    String encoded(String value) {
        if (GENERIC && chance(0.05)) {
            return pickOf("%", "%zz", "%0", "%00", "%C0%AF", "%ff%fe", "%E2%82", "a%2", "%u0041", "+%2B+");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Numbers and near-numbers for integer query and form fields. */
    String number() {
        return pickOf("1000000000", "2147483647", "2147483648", "-2147483648", "-1", "0", "1e309", "-0",
                "99999999999999999999", "0x10", "1.5", " 1", "", "NaN", "Infinity", "٣", "1_000", "+1", "00000001",
                String.valueOf(random.nextInt()), String.valueOf(random.nextLong()));
    }
}
