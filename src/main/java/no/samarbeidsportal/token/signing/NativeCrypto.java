package no.samarbeidsportal.token.signing;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import org.jboss.logging.Logger;

/**
 * The native RSA implementation for token signatures: Amazon Corretto Crypto Provider (AWS-LC), when its library
 * loads and passes its self-tests on this machine. It is used only for the token service's own signatures, never
 * installed for the whole JVM; anywhere else, or when it cannot load, the JDK signs.
 */
final class NativeCrypto {

    private static final Logger LOG = Logger.getLogger(NativeCrypto.class);

    private NativeCrypto() {
    }

    /** The native provider, or null for the JDK's own. */
    static Provider provider(boolean wanted) {
        if (!wanted) {
            LOG.info("portal.token.native-crypto=false: the JDK signs tokens");
            return null;
        }
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                LOG.infof("Native RSA not available here (%s); the JDK signs tokens", accp.getLoadingError());
                return null;
            }
            accp.assertHealthy();
            LOG.infof("Tokens are signed with %s %s", accp.getName(), accp.getVersionStr());
            return accp;
        } catch (RuntimeException | LinkageError e) {
            LOG.infof("Native RSA not available here (%s); the JDK signs tokens", e.toString());
            return null;
        }
    }
}
