package no.samarbeidsportal.token.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Signs the token service's tokens (token-protocol.md 7) with the loaded key whose time has come, through the native
 * RSA implementation when it loads ({@link NativeCrypto}). This runs for every token issued: it reads the keys
 * {@link SigningKeys} loaded last, without a lock, and keeps one Signature per thread.
 */
@ApplicationScoped
public class Signer {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Provider provider;
    private volatile List<LoadedKey> keys = List.of();
    /** One Signature per thread: looking the algorithm up in the provider list on every token showed in profiles. */
    private final ThreadLocal<Signature> signatures = ThreadLocal.withInitial(this::newSignature);

    Signer(SigningConfig config, Clock clock) {
        this.clock = clock;
        this.provider = NativeCrypto.provider(config.nativeCrypto());
    }

    /** The compact RS256 JWS of {@code claims} (an ordered map), header exactly {kid, alg} (token-protocol.md 7). */
    public String sign(Map<String, Object> claims) {
        return sign(current(), claims);
    }

    /**
     * Signs {@code claims} exactly as {@link #sign} does, with a key of the caller's that no one trusts: the token
     * service's start-up warm-up runs this code hot before the instance reports ready.
     */
    public String signForWarmUp(Map<String, Object> claims, PrivateKey throwaway) {
        return sign(LoadedKey.of("warm-up", null, throwaway, Instant.EPOCH), claims);
    }

    private String sign(LoadedKey key, Map<String, Object> claims) {
        try {
            String input = new String(key.header(), StandardCharsets.US_ASCII) + "."
                    + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = signatures.get();
            signature.initSign(key.privateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(signature.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private Signature newSignature() {
        try {
            return provider == null ? Signature.getInstance("SHA256withRSA")
                    : Signature.getInstance("SHA256withRSA", provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No SHA256withRSA", e);
        }
    }

    /** The kid tokens are signed with now. */
    public String currentKid() {
        return current().kid();
    }

    /** The native provider, or null for the JDK's: grants are verified with it too. */
    public Provider provider() {
        return provider;
    }

    /** Which RSA implementation signs: the native provider's name, or the JDK's. */
    public String signingProvider() {
        return provider == null ? "JDK" : provider.getName();
    }

    /** Signs on with {@code loaded} from now: the published keys, oldest first. */
    void use(List<LoadedKey> loaded) {
        keys = loaded;
    }

    /** The keys loaded last, oldest first. */
    List<LoadedKey> loaded() {
        return keys;
    }

    private LoadedKey current() {
        Instant now = clock.instant();
        return keys.stream().filter(k -> !k.signsFrom().isAfter(now)).max(Comparator.comparing(LoadedKey::signsFrom))
                .orElseThrow(() -> new IllegalStateException("No signing key signs yet"));
    }
}
