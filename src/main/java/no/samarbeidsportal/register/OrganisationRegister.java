package no.samarbeidsportal.register;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.samarbeidsportal.identity.Organisation;

/**
 * Which organisations exist, what they are called and whether they are still active, from two sources: the portal's
 * copy of Enhetsregisteret (RegisterService: status, organisational form, parent unit, and the name of every number
 * the portal has not registered) and the portal's own organisation table. When both know a number the portal's name
 * is shown (it is the name the platform administrator gave it, taken from the register when it was registered, and the
 * one the portal's own header, switcher and lists show), with the register's status. A list costs two queries, one per
 * source, never one per number. Names are public register data, so any organisation may see another's.
 */
@ApplicationScoped
public class OrganisationRegister {

    private final RegisterService register;

    OrganisationRegister(RegisterService register) {
        this.register = register;
    }

    /** What the sources know of these numbers, by number, in two queries; unknown numbers are absent. */
    public Map<String, OrgName> find(Collection<String> orgnos) {
        List<String> wanted = orgnos.stream().filter(n -> n != null && !n.isBlank()).distinct().toList();
        Map<String, OrgName> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        register.findAll(wanted).forEach((orgno, unit) -> found.put(orgno, OrgName.of(unit)));
        Organisation.<Organisation>list("orgno in ?1", wanted)
                .forEach(o -> found.merge(o.orgno, OrgName.of(o), (unit, portal) -> unit.named(o.name)));
        return found;
    }

    /** What the sources know of one number. */
    public Optional<OrgName> find(String orgno) {
        return orgno == null ? Optional.empty() : Optional.ofNullable(find(List.of(orgno)).get(orgno));
    }

    /** The names of those of the numbers a source knows, in two queries; unknown numbers are absent. */
    public Map<String, String> names(Collection<String> orgnos) {
        Map<String, String> names = new HashMap<>();
        find(orgnos).forEach((orgno, known) -> names.put(orgno, known.name()));
        return names;
    }

    /** Whether a source knows the number. */
    public boolean knows(String orgno) {
        return find(orgno).isPresent();
    }
}
