package org.example.device.impl.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

/**
 * The HTTPS GET of TS-0003 8.3.9.9.7 with {@link HttpClient}: {@code https:} URIs only (the clause says HTTPS, and
 * an {@code http:} one would be an operator's mistake worth reporting rather than following); redirects as
 * {@link HttpClient.Redirect#NORMAL} (never from HTTPS to HTTP, the only other scheme the client speaks); the whole
 * exchange, body included, within the timeout; a body of at most {@link #MAX_BYTES} (a certificate or a small
 * bundle, never more: a larger answer is not what was asked for); status 200 only.
 */
final class HttpsFetcher implements TrustAnchors.Fetcher {
    /** The largest payload read: a CA certificate is 1-2 KB, a PEM bundle of a few dozen of them fits. */
    static final int MAX_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    HttpsFetcher(Duration timeout, SSLContext contextOrNull) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        if (contextOrNull != null) builder.sslContext(contextOrNull);
        this.client = builder.build();
    }

    @Override
    public byte[] get(URI uri) throws IOException {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException(uri + " is not an https: URI with a host; TS-0003 8.3.9.9.7 retrieves the trust"
                    + " anchor certificate by an HTTPS GET");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/pkix-cert, application/x-pem-file, application/pem-certificate-chain, */*")
                .GET().build();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request,
                info -> info.statusCode() == 200 ? new Capped(MAX_BYTES) : BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut(e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // The client's own request timeout and ours race (both are `timeout`); either way the operator reads
            // the same sentence, with the limit they configured, whichever fired first.
            if (cause instanceof HttpTimeoutException) throw timedOut(cause);
            if (cause instanceof IOException) throw (IOException) cause;
            throw new IOException(cause.toString(), cause);
        }
        if (response.statusCode() != 200) throw new IOException("answered HTTP status " + response.statusCode());
        return response.body();
    }

    private HttpTimeoutException timedOut(Throwable cause) {
        HttpTimeoutException e = new HttpTimeoutException("no complete answer within " + timeout);
        e.initCause(cause);
        return e;
    }

    /** Collects the body, failing (and cancelling the exchange) past {@code cap} bytes. */
    private static final class Capped implements BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int cap;
        private Flow.Subscription subscription;

        Capped(int cap) { this.cap = cap; }

        @Override
        public CompletionStage<byte[]> getBody() { return body; }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) return;
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > cap) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("the payload is larger than " + cap + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) { body.completeExceptionally(failure); }

        @Override
        public void onComplete() { body.complete(bytes.toByteArray()); }
    }
}
