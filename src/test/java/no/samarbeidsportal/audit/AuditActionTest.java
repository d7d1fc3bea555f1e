package no.samarbeidsportal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The actions audit lines store: written lines, the history API and the pages' texts all depend on their codes. */
class AuditActionTest {

    @Test
    void codesStayAsLinesAlreadyStoredHaveThem() {
        assertEquals(List.of("organisation.created", "organisation.registered", "role.granted", "role.revoked", "supplier.appointed",
                "supplier.ended", "prefix.requested", "prefix.request-approved", "prefix.request-rejected",
                "prefix.assigned", "scope.created", "scope.updated", "scope.deactivated", "scope.reactivated",
                "access.granted", "access.revoked", "access.imported", "access.requested", "access.request-approved",
                "access.request-rejected", "access.request-withdrawn", "client.created", "client.updated",
                "client.deactivated", "client.secret-renewed", "onbehalfof.created", "onbehalfof.updated",
                "onbehalfof.deleted", "keys.replaced", "keys.added", "key.removed",
                "keys.cleared", "delegation.created", "delegation.withdrawn", "signing-key.created",
                "register.loaded", "register.updated", "register.update-requested", "notice.contact-added",
                "notice.contact-removed", "notice.followed", "notice.unfollowed", "webhook.created", "webhook.updated",
                "webhook.deleted", "webhook.secret-rotated", "webhook.disabled"),
                Arrays.stream(AuditAction.values()).map(AuditAction::code).toList());
    }

    @Test
    void everyCodeFitsTheColumnOnce() {
        Set<String> codes = new TreeSet<>();
        for (AuditAction action : AuditAction.values()) {
            assertTrue(action.code().length() <= 64, action.name());
            assertTrue(codes.add(action.code()), action.name());
        }
    }

    @Test
    void everyActionHasATextInBokmalAndEnglish() throws IOException {
        for (String bundle : List.of("messages/msg.properties", "messages/msg_en.properties")) {
            Set<String> keys = keys(bundle);
            List<String> missing = Arrays.stream(AuditAction.values()).map(a -> "audit." + a.code())
                    .filter(key -> !keys.contains(key)).toList();
            assertEquals(List.of(), missing, bundle);
        }
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = AuditActionTest.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames();
    }
}
