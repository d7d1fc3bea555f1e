package no.samarbeidsportal.delegations;

import java.time.Instant;

/** A delegation on the wire: who delegated which scope to whom, and the scope's delegation source. */
public record DelegationJson(Long id, String scope, String consumerOrgno, String supplierOrgno,
        String delegationSource, Instant created) {

    static DelegationJson of(Delegation d) {
        return new DelegationJson(d.id, d.scope.name, d.consumerOrgno, d.supplierOrgno, d.scope.delegationSource,
                d.created);
    }

    NewDelegation toCommand() {
        return new NewDelegation(scope, supplierOrgno);
    }
}
