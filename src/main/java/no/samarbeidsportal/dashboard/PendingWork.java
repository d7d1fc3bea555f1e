package no.samarbeidsportal.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import no.samarbeidsportal.scopes.prefixes.PrefixRequestService;

/**
 * What waits for the signed-in person's decision, for the badges in the menu ({@code inject:pending}): counted at most
 * once per page, and only what this person may decide. Prefix requests are the only requests that wait today (access
 * lists and delegations change at once).
 */
@RequestScoped
@Named("pending")
public class PendingWork {

    private final PrefixRequestService prefixRequests;
    private Long waitingPrefixRequests;

    PendingWork(PrefixRequestService prefixRequests) {
        this.prefixRequests = prefixRequests;
    }

    /** Open prefix requests, for the platform administrator; 0 for anyone else. */
    public long prefixRequests() {
        if (waitingPrefixRequests == null) {
            waitingPrefixRequests = prefixRequests.waitingForDecision();
        }
        return waitingPrefixRequests;
    }
}
