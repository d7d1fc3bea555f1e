package no.samarbeidsportal.identity;

import jakarta.enterprise.context.RequestScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organisation names one page shows next to numbers (tags/namesOrg.html). The service that hands the page its
 * objects loads their numbers in one register query ({@link #load}); the page then only reads what was loaded, so a
 * list costs one query, not one per row, and a template never reaches the database.
 */
@RequestScoped
public class OrgNames {

    private final OrganisationRegister register;
    private final Map<String, Optional<String>> known = new HashMap<>();

    OrgNames(OrganisationRegister register) {
        this.register = register;
    }

    /** Looks up the names of the numbers not looked up yet in this request, together. */
    public void load(Collection<String> orgnos) {
        List<String> wanted = orgnos.stream().filter(n -> n != null && !known.containsKey(n)).distinct().toList();
        if (!wanted.isEmpty()) {
            Map<String, String> found = register.names(wanted);
            wanted.forEach(n -> known.put(n, Optional.ofNullable(found.get(n))));
        }
    }

    /** The organisation's name as loaded for this request, or null when unknown or not loaded. */
    public String name(String orgno) {
        return orgno == null ? null : known.getOrDefault(orgno, Optional.empty()).orElse(null);
    }

    /** As text: "Testkommune (974 761 076)", or the number alone when no register knows it. */
    public String label(String orgno) {
        String name = name(orgno);
        return name == null ? OrgNumbers.format(orgno) : name + " (" + OrgNumbers.format(orgno) + ")";
    }
}
