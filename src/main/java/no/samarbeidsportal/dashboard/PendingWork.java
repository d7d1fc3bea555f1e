package no.samarbeidsportal.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import no.samarbeidsportal.access.requests.AccessRequestService;
import no.samarbeidsportal.scopes.prefixes.PrefixRequestService;

/**
 * What waits for the signed-in person's decision, for the badges in the menu ({@code inject:pending}): counted at most
 * once per page, and only what this person may decide: prefix requests (the platform administrator) and access
 * requests for the acting organisation's scopes (its API administrators).
 */
@RequestScoped
@Named("pending")
public class PendingWork {

    private final PrefixRequestService prefixRequests;
    private final AccessRequestService accessRequests;
    private Long waitingPrefixRequests;
    private Long waitingAccessRequests;

    PendingWork(PrefixRequestService prefixRequests, AccessRequestService accessRequests) {
        this.prefixRequests = prefixRequests;
        this.accessRequests = accessRequests;
    }

    /** Pending access requests for the acting organisation's scopes, for its API administrators; 0 for others. */
    public long accessRequests() {
        if (waitingAccessRequests == null) {
            waitingAccessRequests = accessRequests.waitingForDecision();
        }
        return waitingAccessRequests;
    }

    /** Open prefix requests, for the platform administrator; 0 for anyone else. */
    public long prefixRequests() {
        if (waitingPrefixRequests == null) {
            waitingPrefixRequests = prefixRequests.waitingForDecision();
        }
        return waitingPrefixRequests;
    }
}
