package no.samarbeidsportal.scopes;

import java.util.List;

/**
 * A scope's access request policy on the wire (issue 16), at {@code /scopes/requestpolicy?scope=}: our extension,
 * kept out of Digdir's scope JSON so that a Digdir client's PUT of a scope neither sees nor resets it.
 */
public record RequestPolicyJson(String scope, Boolean takesRequests, List<String> autoApproveOrgForms) {

    static RequestPolicyJson of(Scope s) {
        return new RequestPolicyJson(s.name, s.takesRequests, List.copyOf(s.autoApproveOrgForms));
    }

    /** The policy the body asks for; {@code takes_requests} absent is off, as the page's unchecked box. */
    RequestPolicy toPolicy() {
        return new RequestPolicy(Boolean.TRUE.equals(takesRequests), autoApproveOrgForms);
    }
}
