package no.samarbeidsportal.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * HTTP/1.1 written by hand on a socket to 127.0.0.1, so that request lines, paths and headers reach the server
 * exactly as generated (java.net.http and RestAssured refuse or re-encode much of what the suite sends).
 */
final class RawHttp {

    /** One request; {@code label} names its kind and route in the report, {@code secret} marks private key input. */
    record Request(String label, String method, String target, List<String[]> headers, byte[] body, boolean secret) {

        Request header(String name, String value) {
            List<String[]> more = new ArrayList<>(headers);
            more.add(new String[] {name, value});
            return new Request(label, method, target, more, body, secret);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(method).append(' ').append(abbreviate(target, 160));
            for (String[] h : headers) {
                out.append(" | ").append(h[0]).append(": ").append(abbreviate(h[1], 80));
            }
            if (body != null && body.length > 0) {
                out.append(" | body ").append(body.length).append(" bytes: ")
                        .append(abbreviate(new String(body, StandardCharsets.UTF_8), 160));
            }
            return out.toString();
        }
    }

    /** The status (0 when the server closed without answering) and, when asked for, the body. */
    record Response(int status, String body) {
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** Sends {@code request}; {@code $TOKEN}-style placeholders in header values are filled by {@code values}. */
    Response send(Request request, UnaryOperator<String> values, boolean keepBody) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            write(head, request.method() + " " + request.target() + " HTTP/1.1\r\n");
            write(head, "Host: localhost:" + port + "\r\nConnection: close\r\n");
            for (String[] h : request.headers()) {
                write(head, h[0] + ": " + values.apply(h[1]) + "\r\n");
            }
            byte[] body = request.body() == null ? new byte[0] : request.body();
            if (request.body() != null) {
                write(head, "Content-Length: " + body.length + "\r\n");
            }
            write(head, "\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] response;
            try {
                response = in.readAllBytes();
            } catch (IOException e) {
                // the server may answer early (413, 431) and reset the rest; what it sent first still counts
                response = new byte[0];
            }
            String text = new String(response, 0, Math.min(response.length, keepBody ? response.length : 64),
                    StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.")) {
                return new Response(0, "");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            return new Response(status, keepBody ? new String(response, StandardCharsets.UTF_8) : "");
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static String abbreviate(String text, int max) {
        String shown = text.codePoints().map(c -> c < 0x20 || c == 0x7f ? '\u2423' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() <= max ? shown : shown.substring(0, max) + "…(" + text.length() + ")";
    }
}
