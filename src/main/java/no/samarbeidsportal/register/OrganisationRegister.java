package no.samarbeidsportal.register;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.samarbeidsportal.identity.Organisation;

/**
 * Which organisations exist and what they are called, from two sources: the portal's copy of Enhetsregisteret
 * (RegisterService: the authority, so its name wins, and the only source of a status) and the portal's own organisation
 * table, for the numbers the copy lacks (a portal without a register copy, or a number registered by hand). A list
 * costs at most two queries, one per source, never one per number. Names are public register data, so any
 * organisation may see another's.
 */
@ApplicationScoped
public class OrganisationRegister {

    private final RegisterService register;

    OrganisationRegister(RegisterService register) {
        this.register = register;
    }

    /** What the sources know of these numbers, by number, in at most two queries; unknown numbers are absent. */
    public Map<String, OrgName> find(Collection<String> orgnos) {
        List<String> wanted = orgnos.stream().filter(n -> n != null && !n.isBlank()).distinct().toList();
        Map<String, OrgName> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        register.findAll(wanted).forEach((orgno, unit) -> found.put(orgno, OrgName.of(unit)));
        List<String> rest = wanted.stream().filter(n -> !found.containsKey(n)).toList();
        if (!rest.isEmpty()) {
            Organisation.<Organisation>list("orgno in ?1", rest).forEach(o -> found.put(o.orgno, OrgName.of(o)));
        }
        return found;
    }

    /** What the sources know of one number. */
    public Optional<OrgName> find(String orgno) {
        return orgno == null ? Optional.empty() : Optional.ofNullable(find(List.of(orgno)).get(orgno));
    }

    /** The names of those of the numbers a source knows, in at most two queries; unknown numbers are absent. */
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
