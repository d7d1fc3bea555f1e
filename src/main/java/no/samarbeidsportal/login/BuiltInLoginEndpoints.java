package no.samarbeidsportal.login;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Map;

/**
 * The built-in demo login's endpoints, so that quarkus-oidc need not discover them. It discovers a provider while the
 * app starts, before the portal listens: asking the portal itself then fails, and it warned three times that the
 * login provider was not available. With these paths known and the keys fetched on first use, nothing is asked before
 * the first login. Only when {@code quarkus.oidc.auth-server-url} names the demo login ({@code .../dev-login}); an
 * operator's provider is still discovered at start, and warned about when it does not answer. A setting made
 * explicitly wins.
 */
public class BuiltInLoginEndpoints implements ConfigSourceInterceptor {

    private static final String SERVER = "quarkus.oidc.auth-server-url";
    // the paths DevLoginEndpoints and DevLoginTokenRoute serve under /dev-login (its discovery document says the same)
    private static final Map<String, String> KNOWN = Map.of(
            "quarkus.oidc.discovery-enabled", "false",
            "quarkus.oidc.authorization-path", "authorize",
            "quarkus.oidc.token-path", "token",
            "quarkus.oidc.jwks-path", "jwks",
            "quarkus.oidc.end-session-path", "logout",
            "quarkus.oidc.jwks.resolve-early", "false");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        String known = KNOWN.get(name);
        // quarkus-oidc's own defaults come from the lowest source; anything above it was set on purpose
        boolean set = value != null && value.getValue() != null && value.getConfigSourceOrdinal() > Integer.MIN_VALUE;
        if (known == null || set) {
            return value;
        }
        ConfigValue server = context.proceed(SERVER);
        if (server == null || server.getValue() == null || !builtIn(server.getValue())) {
            return value;
        }
        return ConfigValue.builder().withName(name).withValue(known)
                .withConfigSourceName("built-in demo login (" + BuiltInLoginEndpoints.class.getSimpleName() + ")")
                .build();
    }

    static boolean builtIn(String authServerUrl) {
        return authServerUrl.replaceAll("/+$", "").endsWith("/dev-login");
    }
}
