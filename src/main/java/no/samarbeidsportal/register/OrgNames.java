package no.samarbeidsportal.register;

import jakarta.enterprise.context.RequestScoped;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.system.Messages;

/**
 * The organisation names and statuses one page shows next to numbers (tags/namesOrg.html). The service that hands the
 * page its objects loads their numbers in one register look-up ({@link #load}, at most two queries); the page then only
 * reads what was loaded, so a list costs the same whatever its length, and a template never reaches the database.
 */
@RequestScoped
public class OrgNames {

    private final OrganisationRegister register;
    private final Messages messages;
    private final Map<String, Optional<OrgName>> known = new HashMap<>();

    OrgNames(OrganisationRegister register, Messages messages) {
        this.register = register;
        this.messages = messages;
    }

    /** Looks up the numbers not looked up yet in this request, together. */
    public void load(Collection<String> orgnos) {
        List<String> wanted = orgnos.stream().filter(n -> n != null && !known.containsKey(n)).distinct().toList();
        if (!wanted.isEmpty()) {
            Map<String, OrgName> found = register.find(wanted);
            wanted.forEach(n -> known.put(n, Optional.ofNullable(found.get(n))));
        }
    }

    /** What was loaded for the number in this request; empty when unknown or not loaded. */
    public Optional<OrgName> get(String orgno) {
        return orgno == null ? Optional.empty() : known.getOrDefault(orgno, Optional.empty());
    }

    /** The organisation's name as loaded for this request, or null when unknown or not loaded. */
    public String name(String orgno) {
        return get(orgno).map(OrgName::name).orElse(null);
    }

    /** As text: "Testkommune (974 761 076)", or the number alone when no source knows it. */
    public String label(String orgno) {
        String name = name(orgno);
        return name == null ? OrgNumbers.format(orgno) : name + " (" + OrgNumbers.format(orgno) + ")";
    }

    /**
     * As text with the register's marker when the organisation is not active, in the language asked for:
     * "BØLGEKRAFT AS (313 100 219, konkurs)"; otherwise as {@link #label(String)}.
     */
    public String label(String orgno, Locale locale) {
        String status = status(orgno, locale);
        if (status == null) {
            return label(orgno);
        }
        String name = name(orgno);
        String numbered = OrgNumbers.format(orgno) + ", " + status;
        return name == null ? numbered : name + " (" + numbered + ")";
    }

    /**
     * The short marker for an organisation the register says is not active, in the language asked for: "konkurs",
     * "slettet 30.06.2025", "under avvikling", "under tvangsavvikling"; null when active or unknown to the register.
     */
    public String status(String orgno, Locale locale) {
        return get(orgno).filter(OrgName::inactive).map(o -> statusText(o, locale)).orElse(null);
    }

    /** The marker of a register status (see {@link #status}); null for an active one. */
    public String statusText(OrgName org, Locale locale) {
        if (!org.inactive()) {
            return null;
        }
        String date = org.deletedOn() == null ? ""
                : DateTimeFormatter.ofPattern(messages.get(locale, "register.status.date-pattern"), locale)
                        .format(org.deletedOn());
        return messages.get(locale, "register.status." + org.status().name(), date).trim();
    }
}
