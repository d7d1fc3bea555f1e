package no.samarbeidsportal.notices;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real SMTP server of demo runs and tests (GreenMail, {@code portal.mail.embedded=true}): it listens on
 * 127.0.0.1 at {@link NoticeConfig#embeddedPort()} and keeps what it receives in memory, for the operator's mailbox
 * page. Production sends to the SMTP server of {@code quarkus.mailer.*} and has no embedded one.
 */
@ApplicationScoped
public class EmbeddedMail {

    /** A received mail as the mailbox page shows it. */
    public record Received(Instant received, String to, String subject, String text, String html) {
    }

    private final NoticeConfig config;
    private GreenMail server;

    EmbeddedMail(NoticeConfig config) {
        this.config = config;
    }

    // before the sender's loop starts
    void start(@Observes @Priority(1) StartupEvent event) {
        if (config.embedded()) {
            start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    public boolean enabled() {
        return config.embedded();
    }

    /** Starts the server (again): what it received before a {@link #stop()} is forgotten. */
    public synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(config.embeddedPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Stops the server: the SMTP port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** What the server received since it started, newest first. */
    public synchronized List<Received> received() {
        if (server == null) {
            return List.of();
        }
        List<Received> all = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            all.add(read(m));
        }
        java.util.Collections.reverse(all);
        return all;
    }

    private static Received read(MimeMessage m) {
        try {
            jakarta.mail.Address[] recipients = m.getAllRecipients();
            String to = recipients == null ? "" : Arrays.stream(recipients).map(Object::toString)
                    .collect(Collectors.joining(", "));
            Instant when = m.getReceivedDate() != null ? m.getReceivedDate().toInstant()
                    : m.getSentDate() != null ? m.getSentDate().toInstant() : Instant.EPOCH;
            return new Received(when, to, m.getSubject(), part(m, "text/plain"), part(m, "text/html"));
        } catch (MessagingException | IOException e) {
            return new Received(Instant.EPOCH, "", "(unreadable: " + e.getMessage() + ")", "", "");
        }
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart child = multi.getBodyPart(i);
                String found = part(child, type);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }
}
