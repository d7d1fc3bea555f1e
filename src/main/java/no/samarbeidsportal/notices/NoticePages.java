package no.samarbeidsportal.notices;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Notices in the browser (issue 16): the organisation's list of notices with the person's own "send to me too", its
 * contact addresses per topic, and in demo runs the operator's view of the embedded SMTP server's mailbox.
 */
@Path(Paths.PORTAL + "/notices")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class NoticePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notices(List<Notice> notices, List<NoticeFollow> follows, NewFollow form,
                InvalidInput errors);

        static native TemplateInstance contacts(List<NoticeContact> contacts, NewContact form, InvalidInput errors);

        static native TemplateInstance mailbox(List<EmbeddedMail.Received> received);
    }

    private final NoticeService notices;

    NoticePages(NoticeService notices) {
        this.notices = notices;
    }

    @GET
    public TemplateInstance list() {
        return Templates.notices(notices.notices(), notices.follows(), new NewFollow("", notices.ownAddress()), null);
    }

    @POST
    @Path("follow")
    public Object follow(@RestForm String topic, @RestForm String email) {
        NewFollow form = new NewFollow(topic, email);
        try {
            NoticeFollow follow = notices.follow(form);
            return Flash.seeOther(Paths.portal("notices"), "notice.followed", follow.email);
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.notices(notices.notices(), notices.follows(), form, e));
        }
    }

    @POST
    @Path("unfollow")
    public Object unfollow(@RestForm String topic) {
        notices.unfollow(topic);
        return Flash.seeOther(Paths.portal("notices"), "notice.unfollowed");
    }

    @GET
    @Path("contacts")
    public TemplateInstance contacts() {
        return Templates.contacts(notices.contacts(), new NewContact("", ""), null);
    }

    @POST
    @Path("contacts")
    public Object addContact(@RestForm String topic, @RestForm String email) {
        NewContact form = new NewContact(topic, email);
        try {
            NoticeContact added = notices.addContact(form);
            return Flash.seeOther(Paths.portal("notices/contacts"), "notice.contact.added", added.email);
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.contacts(notices.contacts(), form, e));
        }
    }

    @POST
    @Path("contacts/{id}/delete")
    public Object removeContact(@RestPath long id) {
        NoticeContact removed = notices.removeContact(id);
        return Flash.seeOther(Paths.portal("notices/contacts"), "notice.contact.removed", removed.email);
    }

    @GET
    @Path("mailbox")
    public TemplateInstance mailbox() {
        return Templates.mailbox(notices.mailbox());
    }
}
