package no.samarbeidsportal.register;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as it arrives that gives up when no bytes come for a while: a download that stalls midway
 * (the connection open, nothing sent) is a {@link Enhetsregisteret.SourceFailure} instead of a read that never
 * returns. It asks the HTTP client for one chunk at a time, so at most a chunk or two is held in memory.
 */
final class StallGuard extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final Duration quiet;
    private final String what;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> chunk = java.util.Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;

    /** Reads {@code what} (for the failure's message), giving up after {@code quiet} without a byte. */
    StallGuard(Duration quiet, String what) {
        this.quiet = quiet;
        this.what = what;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        arrived.add(failure);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (length == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (chunk.hasNext()) {
                current = chunk.next();
                continue;
            }
            if (ended) {
                return -1;
            }
            next();
        }
        int n = Math.min(length, current.remaining());
        current.get(into, offset, n);
        return n;
    }

    @SuppressWarnings("unchecked")
    private void next() throws IOException {
        Object item;
        try {
            item = arrived.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new Enhetsregisteret.SourceFailure("interrupted reading " + what);
        }
        if (item == null) {
            cancel();
            throw new Enhetsregisteret.SourceFailure(what + " stalled: no bytes for " + quiet.toSeconds() + " s");
        }
        if (item == END) {
            ended = true;
        } else if (item instanceof Throwable failure) {
            ended = true;
            throw new Enhetsregisteret.SourceFailure(what + " broke off: " + failure);
        } else {
            chunk = ((List<ByteBuffer>) item).iterator();
            subscription.request(1);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cancel();
            arrived.clear();
        }
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
