package no.samarbeidsportal.webhooks;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.samarbeidsportal.webhooks.WebhookSender.Claimed;
import no.samarbeidsportal.webhooks.WebhookSender.Outcome;

/**
 * One signed POST of a webhook message (issue 17), per Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}
 * and {@code webhook-signature} ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}; during a rotation's
 * overlap also with the previous secret, space-separated). It connects to the address the {@link OutboundGuard}
 * checked, with the URL's host as Host and TLS server name; connecting and each wait for the answer take at most
 * {@link WebhookConfig#timeout()}; a redirect is not followed; at most {@link WebhookConfig#maxResponseBytes()} of the
 * answer are read.
 */
@ApplicationScoped
class WebhookPost {

    private final WebhookConfig config;
    private final Vertx vertx;
    private HttpClient http;

    WebhookPost(WebhookConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void stop(@Observes ShutdownEvent event) {
        if (http != null) {
            http.close();
        }
    }

    Outcome send(Claimed c, InetAddress address, Instant signedAt, long started) {
        URI uri = URI.create(c.url());
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        long timeout = config.timeout().toMillis();
        long timestamp = signedAt.getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                // the address the guard checked, never a new lookup (DNS rebinding); the URL's host is Host and SNI
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setHost(host).setPort(port).setSsl(https).setURI(path).setFollowRedirects(false)
                .setConnectTimeout(timeout).setIdleTimeout(timeout)
                .putHeader("webhook-id", c.messageId())
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", signatures(c, timestamp, signedAt))
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", WebhookSender.USER_AGENT);
        int max = config.maxResponseBytes();
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        client().request(options).onFailure(result::completeExceptionally).onSuccess(req -> {
            request.set(req);
            req.send(Buffer.buffer(c.body())).onFailure(result::completeExceptionally).onSuccess(resp -> {
                Buffer got = Buffer.buffer();
                resp.exceptionHandler(result::completeExceptionally);
                resp.handler(chunk -> {
                    int room = max - got.length();
                    if (room > 0) {
                        got.appendBuffer(chunk.length() > room ? chunk.slice(0, room) : chunk);
                    }
                    if (got.length() >= max && !result.isDone()) {
                        // enough read: the rest of the answer is not waited for
                        result.complete(answer(resp.statusCode(), got, started));
                        req.reset();
                    }
                });
                resp.endHandler(v -> result.complete(answer(resp.statusCode(), got, started)));
            });
        });
        try {
            return result.get(2 * timeout + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Outcome(null, millisSince(started), "No answer within " + config.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Outcome(null, millisSince(started), error(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, millisSince(started), "Interrupted");
        } finally {
            HttpClientRequest req = request.get();
            if (req != null && !result.isDone()) {
                req.reset();
            }
        }
    }

    private static Outcome answer(int status, Buffer body, long started) {
        String text = body.toString(StandardCharsets.UTF_8);
        return new Outcome(status, millisSince(started), text.length() > WebhookSender.EXCERPT
                ? text.substring(0, WebhookSender.EXCERPT) : text);
    }

    /** {@code v1,<signature>} with the secret, and during a rotation's overlap also with the previous one. */
    static String signatures(Claimed c, long timestamp, Instant now) {
        String signed = c.messageId() + "." + timestamp + "." + c.body();
        String signatures = "v1," + sign(c.secret(), signed);
        if (c.previousSecret() != null && c.previousSecretUntil() != null && c.previousSecretUntil().isAfter(now)) {
            signatures += " v1," + sign(c.previousSecret(), signed);
        }
        return signatures;
    }

    /** Base64 of the HMAC-SHA256 of {@code content} with the key the {@code whsec_} secret carries. */
    static String sign(String secret, String content) {
        String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always there", e);
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            int timeout = (int) config.timeout().toMillis();
            http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setKeepAlive(false)
                    .setForceSni(true).setVerifyHost(true).setMaxRedirects(0).setTryUseCompression(false));
        }
        return http;
    }

    static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    static String error(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.length() > WebhookSender.EXCERPT ? text.substring(0, WebhookSender.EXCERPT) : text;
    }
}
