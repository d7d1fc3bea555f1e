package no.samarbeidsportal.scopes;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/** Scope settings. */
@ConfigMapping(prefix = "portal.scopes")
public interface ScopeConfig {

    /** Delegation sources a scope may name (admin-api.md 4.8): name → issuer, e.g. {@code altinn=https://www.altinn.no/}. */
    Map<String, String> delegationSources();
}
