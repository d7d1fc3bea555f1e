package no.samarbeidsportal.webhooks;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Which addresses the portal may post webhooks to (issue 17): http(s) only, at most {@link #MAX_URL_LENGTH}
 * characters, no user info, and a host whose every address is public. Loopback, private, carrier-grade NAT,
 * link-local (with the clouds' metadata address 169.254.169.254), unique-local, multicast and unspecified addresses
 * are refused unless the operator lists the host or the address in {@code portal.webhooks.allowed-private-hosts}.
 * Registration checks the URL; the sender checks again before each attempt and connects to the checked address, so a
 * name that later resolves elsewhere (DNS rebinding) is refused too.
 */
@ApplicationScoped
public class OutboundGuard {

    public static final int MAX_URL_LENGTH = 2000;

    /**
     * What was checked: the address to connect to, or the message key of the refusal; {@code throughAllowList} when the
     * address is a loopback or private one that only the operator's allow-list let through (its answers are not kept).
     */
    public record Checked(Optional<InetAddress> address, Optional<String> refusal, boolean throughAllowList) {

        static Checked refused(String key) {
            return new Checked(Optional.empty(), Optional.of(key), false);
        }

        public boolean allowed() {
            return refusal.isEmpty();
        }
    }

    private final Set<String> allowed;
    private final long lookupMillis;
    private final ThreadPoolExecutor lookups;

    OutboundGuard(WebhookConfig config) {
        this.lookupMillis = config.timeout().toMillis();
        // name lookups have no timeout of their own: they run here and are waited for at most lookupMillis; a lookup
        // that hangs holds one of these threads, and when all hang and the queue is full, further lookups fail at once
        int threads = Math.max(2, config.parallelism());
        this.lookups = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100),
                r -> {
                    Thread t = new Thread(r, "webhook-lookup");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.lookups.allowCoreThreadTimeOut(true);
        this.allowed = config.allowedPrivateHosts().orElse(List.of()).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Checks the URL's form only (no name lookup): the message key of the first problem, or empty. */
    public Optional<String> formProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("webhooks.url.required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("webhooks.url.too-long");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("webhooks.url.invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("webhooks.url.scheme");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("webhooks.url.invalid");
        }
        return Optional.empty();
    }

    /** Checks the form, resolves the host and checks every address it has; the first allowed address is the one to use. */
    public Checked check(String url) {
        Optional<String> problem = formProblem(url);
        if (problem.isPresent()) {
            return Checked.refused(problem.get());
        }
        String host = URI.create(url).getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Optional<InetAddress[]> resolved = resolve(bare);
        if (resolved.isEmpty() || resolved.get().length == 0) {
            return Checked.refused("webhooks.url.unresolvable");
        }
        InetAddress[] addresses = resolved.get();
        boolean hostAllowed = allowed.contains(bare.toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            if (!hostAllowed && !allowed.contains(address.getHostAddress().toLowerCase(Locale.ROOT))
                    && refused(address)) {
                return Checked.refused("webhooks.url.private");
            }
        }
        return new Checked(Optional.of(addresses[0]), Optional.empty(), refused(addresses[0]));
    }

    /** The host's addresses, looked up with a deadline; empty when the lookup fails or does not finish in time. */
    Optional<InetAddress[]> resolve(String host) {
        Future<InetAddress[]> lookup;
        try {
            lookup = lookups.submit(() -> InetAddress.getAllByName(host));
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(lookup.get(lookupMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        lookups.shutdownNow();
    }

    static boolean refused(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7 (also AWS's fd00:ec2::254)
            }
            boolean v4Compatible = true;
            for (int i = 0; i < 12; i++) {
                v4Compatible &= b[i] == 0;
            }
            if (v4Compatible) {
                return true; // ::/96 (the IPv4-mapped ::ffff:0:0/96 the JDK already turns into an Inet4Address)
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return true; // 6to4 2002::/16 can wrap any IPv4 address
            }
            if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return true; // NAT64 64:ff9b::/96
            }
        }
        return false;
    }
}
