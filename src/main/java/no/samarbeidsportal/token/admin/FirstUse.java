package no.samarbeidsportal.token.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.register.RegisterService;
import no.samarbeidsportal.register.RegisterUnit;

/**
 * Registers an organisation the first time it calls the admin API with a verified token (issue 13): a trusted issuer
 * vouches for it, and what it then does is recorded against an organisation the portal knows. It lives here, where a
 * token is verified, because registering writes an audit line, which the base (identity) may not.
 */
@ApplicationScoped
class FirstUse {

    private final EntityManager em;
    private final RegisterService register;

    FirstUse(EntityManager em, RegisterService register) {
        this.em = em;
        this.register = register;
    }

    /** Registers the organisation unless the portal knows it, with a system audit line; true when this call did. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean register(String orgno, String issuer) {
        if (!OrgNumberValidator.isValid(orgno) || Organisation.findById(orgno) != null) {
            return false;
        }
        String name = nameOf(orgno);
        // two first requests at once: one inserts, the other waits for it and inserts nothing, neither fails
        int made = em.createNativeQuery("insert into organisation (orgno, name) values (?1, ?2) on conflict do nothing")
                .setParameter(1, orgno).setParameter(2, name).executeUpdate();
        if (made == 0) {
            return false;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("orgno", orgno);
        after.put("name", name);
        after.put("issuer", issuer);
        AuditEvent.bySystem(orgno, AuditAction.ORGANISATION_REGISTERED, AuditSubject.organisation(orgno), after);
        return true;
    }

    /**
     * The name a newly met organisation gets: the register copy's (issue 15), else its number until someone names it.
     * Pages show the register's name anyway (register/OrganisationRegister); this is what the organisation table keeps.
     */
    String nameOf(String orgno) {
        return register.find(orgno).map(RegisterUnit::name).orElse(orgno);
    }
}
