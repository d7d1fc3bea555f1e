package no.samarbeidsportal.orgs;

import java.util.Arrays;
import no.samarbeidsportal.identity.Role;
import org.jboss.resteasy.reactive.RestForm;

/** The "give a role" form. */
public class RoleForm {

    @RestForm
    public String subject;

    @RestForm
    public String role;

    RoleGrant toCommand() {
        Role parsed = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(null);
        return new RoleGrant(subject, parsed);
    }
}
