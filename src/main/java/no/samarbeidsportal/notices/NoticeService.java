package no.samarbeidsportal.notices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/**
 * An organisation's notices and who gets them (issue 16): the list of notices (anyone who may read the
 * organisation's history), its contact addresses per topic (kept by its administrators: ORG_ADMIN, or a token with
 * idporten:scopes.write or idporten:dcr.write), and the topics a person follows there for themselves.
 */
@ApplicationScoped
public class NoticeService {

    /** How many notices the list shows, newest first. */
    public static final int LIST_SIZE = 200;

    private final Actor actor;
    private final Audit audit;
    private final Validator validator;
    private final Clock clock;
    private final EmbeddedMail embedded;

    NoticeService(Actor actor, Audit audit, Validator validator, Clock clock, EmbeddedMail embedded) {
        this.actor = actor;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
        this.embedded = embedded;
    }

    /** The acting organisation's notices, newest first, with their deliveries. */
    public List<Notice> notices() {
        actor.require(Permission.AUDIT_READ);
        List<Notice> notices = Notice.of(actor.orgno(), LIST_SIZE);
        notices.forEach(n -> n.deliveries.size());
        return notices;
    }

    /** The acting organisation's contact addresses. */
    public List<NoticeContact> contacts() {
        actor.require(Permission.AUDIT_READ);
        return NoticeContact.of(actor.orgno());
    }

    /** The most addresses an organisation keeps for one topic. */
    static final int CONTACTS_PER_TOPIC = 10;

    /** Adds an address to the organisation's contacts for a topic; each address once per topic. */
    @Transactional
    public NoticeContact addContact(NewContact command) {
        actor.require(Permission.NOTICES_MANAGE);
        NewContact cmd = command.stripped();
        Violations violations = Violations.of(validator, cmd, "contact");
        NoticeTopic topic = topic(cmd.topic(), violations);
        address(cmd.email(), violations);
        if (topic != null && !violations.has("email") && NoticeContact.exists(actor.orgno(), topic, cmd.email())) {
            violations.field("email", "notice.contact.exists", cmd.email());
        } else if (topic != null && NoticeContact.count(actor.orgno(), topic) >= CONTACTS_PER_TOPIC) {
            // the portal e-mails every contact: it must not become a way to mail any number of strangers
            violations.field("email", "notice.contact.too-many", CONTACTS_PER_TOPIC);
        }
        violations.throwIfAny();
        NoticeContact contact = new NoticeContact();
        contact.orgno = actor.orgno();
        contact.topic = topic;
        contact.email = cmd.email();
        contact.created = clock.instant();
        contact.persist();
        audit.record(actor.orgno(), AuditAction.NOTICE_CONTACT_ADDED, AuditSubject.noticeContact(contact.id), null,
                values(contact.topic, contact.email));
        return contact;
    }

    /** Removes one of the organisation's contact addresses; another organisation's is not found. */
    @Transactional
    public NoticeContact removeContact(long id) {
        actor.require(Permission.NOTICES_MANAGE);
        NoticeContact contact = NoticeContact.of(actor.orgno(), id)
                .orElseThrow(() -> new NotFound("notice.contact.not-found"));
        contact.delete();
        audit.record(actor.orgno(), AuditAction.NOTICE_CONTACT_REMOVED, AuditSubject.noticeContact(id),
                values(contact.topic, contact.email), null);
        return contact;
    }

    /** The topics the acting person follows in the acting organisation. */
    public List<NoticeFollow> follows() {
        actor.require(Permission.AUDIT_READ);
        return actor.isPerson() ? NoticeFollow.of(actor.person(), actor.orgno()) : List.of();
    }

    /**
     * The address a follow form starts with: the person's login name when it is an address (the demo login's
     * people), else empty; the portal keeps no other address of a person's.
     */
    public String ownAddress() {
        return actor.isPerson() && actor.id() != null && actor.id().length() <= 254
                && NewContact.ADDRESS.matcher(actor.id()).matches() ? actor.id() : "";
    }

    /** The acting person follows the organisation's notices of a topic at an address of theirs (changes it if so). */
    @Transactional
    public NoticeFollow follow(NewFollow command) {
        actor.require(Permission.AUDIT_READ);
        requirePerson();
        NewFollow cmd = command.stripped();
        Violations violations = Violations.of(validator, cmd, "follow");
        NoticeTopic topic = topic(cmd.topic(), violations);
        address(cmd.email(), violations);
        violations.throwIfAny();
        NoticeFollow follow = NoticeFollow.of(actor.person(), actor.orgno(), topic).orElse(null);
        Map<String, Object> before = follow == null ? null : values(topic, follow.email);
        if (follow == null) {
            follow = new NoticeFollow();
            follow.person = actor.person();
            follow.orgno = actor.orgno();
            follow.topic = topic;
            follow.created = clock.instant();
        }
        follow.email = cmd.email();
        follow.persist();
        audit.record(actor.orgno(), AuditAction.NOTICE_FOLLOWED, AuditSubject.noticeFollow(actor.id(), topic.name()),
                before, values(topic, follow.email));
        return follow;
    }

    /** The acting person stops following a topic in the acting organisation; not following it changes nothing. */
    @Transactional
    public void unfollow(String topicName) {
        actor.require(Permission.AUDIT_READ);
        requirePerson();
        Violations violations = Violations.of("follow");
        NoticeTopic topic = topic(topicName, violations);
        violations.throwIfAny();
        NoticeFollow.of(actor.person(), actor.orgno(), topic).ifPresent(f -> {
            f.delete();
            audit.record(actor.orgno(), AuditAction.NOTICE_UNFOLLOWED,
                    AuditSubject.noticeFollow(actor.id(), topic.name()), values(topic, f.email), null);
        });
    }

    /** What the embedded SMTP server received: the operator's view in demo runs; elsewhere there is no such page. */
    public List<EmbeddedMail.Received> mailbox() {
        actor.require(Permission.PLATFORM_ADMIN);
        if (!embedded.enabled()) {
            throw new NotFound("notice.mailbox.off");
        }
        return embedded.received();
    }

    /** The topics, for pickers. */
    public List<NoticeTopic> topics() {
        return Arrays.asList(NoticeTopic.values());
    }

    private void requirePerson() {
        if (!actor.isPerson()) {
            // following is a person's own wish; a machine has no address of its own
            throw new Forbidden("notice.follow.person-only");
        }
    }

    private static NoticeTopic topic(String name, Violations violations) {
        if (name == null || name.isBlank()) {
            if (!violations.has("topic")) {
                violations.field("topic", "notice.topic.required");
            }
            return null;
        }
        try {
            return NoticeTopic.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.field("topic", "notice.topic.unknown", name.length() > 40 ? name.substring(0, 40) : name);
            return null;
        }
    }

    private static void address(String email, Violations violations) {
        if (!violations.has("email") && !NewContact.ADDRESS.matcher(email).matches()) {
            violations.field("email", "notice.email.invalid");
        }
    }

    private static Map<String, Object> values(NoticeTopic topic, String email) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("topic", topic.name());
        values.put("email", email);
        return values;
    }
}
