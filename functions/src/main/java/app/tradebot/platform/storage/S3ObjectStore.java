package app.tradebot.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import app.tradebot.runtime.AwsCredentials;
import app.tradebot.runtime.SigV4;

/**
 * An S3 bucket, reached with Signature Version 4 query-string presigning ({@link SigV4}, with the
 * application's clock): uploads go from the browser to S3 directly, and the import task reads and
 * deletes the object through presigned URLs of its own, so no S3 client is packaged.
 */
public final class S3ObjectStore implements ObjectStore {

    /** S3 refuses presigned URLs valid for longer. */
    static final Duration MAX_VALIDITY = SigV4.MAX_VALIDITY;
    static final Duration TASK_URL_VALIDITY = Duration.ofMinutes(15);

    private final String host;
    private final SigV4 signer;
    private final Supplier<AwsCredentials> credentials;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public S3ObjectStore(String bucket, String region, Supplier<AwsCredentials> credentials, Clock clock) {
        this(bucket + ".s3." + region + ".amazonaws.com", region, credentials, clock, true);
    }

    /** With the bucket's virtual host named in full (AWS's published examples use the global endpoint's). */
    S3ObjectStore(String host, String region, Supplier<AwsCredentials> credentials, Clock clock, boolean virtualHost) {
        this.host = host;
        this.signer = new SigV4("s3", region);
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public PresignedUpload presignUpload(String key, String contentType, Duration validFor) {
        if (validFor.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("S3 presigned URLs last 7 days at most");
        }
        Map<String, String> headers = Map.of("content-type", contentType);
        return new PresignedUpload(presign("PUT", key, headers, validFor).toString(), "PUT", headers,
                clock.instant().plus(validFor));
    }

    @Override
    public Optional<InputStream> open(String key) {
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(presign("GET", key, Map.of(),
                TASK_URL_VALIDITY)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 404) {
            close(response.body());
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            close(response.body());
            throw new IllegalStateException("S3 answered " + response.statusCode() + " reading " + key);
        }
        return Optional.of(response.body());
    }

    @Override
    public void delete(String key) {
        HttpResponse<Void> response = send(HttpRequest.newBuilder(presign("DELETE", key, Map.of(),
                TASK_URL_VALIDITY)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new IllegalStateException("S3 answered " + response.statusCode() + " deleting " + key);
        }
    }

    /**
     * A virtual-hosted-style URL of the object, signed in its query string; {@code headers} must be sent as signed.
     * The key is encoded once, '/' kept, exactly as S3 signs it (no second encoding, no normalisation).
     */
    URI presign(String method, String key, Map<String, String> headers, Duration validFor) {
        URI object = URI.create("https://" + host + "/" + SigV4.encode(key, true));
        return signer.presign(method, object, headers, validFor, clock.instant(), credentials.get());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        }
        catch (IOException e) {
            throw new UncheckedIOException("S3 did not answer: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for S3", e);
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        }
        catch (IOException e) {
            // Nothing was read from it.
        }
    }
}
