package no.samarbeidsportal.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which organisations exist and what they are called: today the portal's own organisation table; the one place a
 * real register (Enhetsregisteret, issue 15) will be asked. Names are public register data, so any organisation
 * may see another's.
 */
@ApplicationScoped
public class OrganisationRegister {

    /** The names of those of the numbers the register knows, in one query; unknown numbers are absent. */
    public Map<String, String> names(Collection<String> orgnos) {
        List<String> wanted = orgnos.stream().filter(n -> n != null && !n.isBlank()).distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (!wanted.isEmpty()) {
            Organisation.<Organisation>list("orgno in ?1", wanted).forEach(o -> names.put(o.orgno, o.name));
        }
        return names;
    }

    /** Whether the register knows the number. */
    public boolean knows(String orgno) {
        return names(List.of(orgno)).containsKey(orgno);
    }
}
