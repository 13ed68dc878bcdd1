package app.tradebot.platform.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import app.tradebot.runtime.AwsCredentials;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Presigning against a fixed clock, checked against the example AWS publishes for query-string authentication,
 * and against the AWS SDK's signer (a test dependency only) for keys of every kind.
 */
class S3ObjectStoreTest {

    static final Clock EXAMPLE_TIME = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);

    static final AwsCredentials EXAMPLE_KEY = new AwsCredentials("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);

    private final S3ObjectStore examplebucket = new S3ObjectStore("examplebucket", "us-east-1", () -> EXAMPLE_KEY, EXAMPLE_TIME);

    /** S3 API reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", the GET example. */
    @Test
    void signsAsAwssDocumentedExample() {
        S3ObjectStore documented = new S3ObjectStore("examplebucket.s3.amazonaws.com", "us-east-1", () -> EXAMPLE_KEY,
                EXAMPLE_TIME, true);

        String url = documented.presign("GET", "test.txt", Map.of(), Duration.ofSeconds(86400)).toString();

        assertThat(url).startsWith("https://examplebucket.s3.amazonaws.com/test.txt?")
                .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256")
                .contains("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request")
                .contains("X-Amz-Date=20130524T000000Z")
                .contains("X-Amz-Expires=86400")
                .contains("X-Amz-SignedHeaders=host")
                .endsWith("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    @Test
    void anUploadUrlSignsItsContentTypeAndExpiresWhenAsked() {
        PresignedUpload upload = examplebucket.presignUpload("candle-uploads/7f1c/file.csv", "text/csv", Duration.ofMinutes(15));

        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.headers()).containsExactly(Map.entry("content-type", "text/csv"));
        assertThat(upload.expiresAt()).isEqualTo(Instant.parse("2013-05-24T00:15:00Z"));
        assertThat(upload.url()).startsWith("https://examplebucket.s3.us-east-1.amazonaws.com/candle-uploads/7f1c/file.csv?")
                .contains("X-Amz-Expires=900").contains("X-Amz-SignedHeaders=content-type%3Bhost");
    }

    @Test
    void theSameRequestAtTheSameInstantSignsTheSameAndAnotherInstantDifferently() {
        S3ObjectStore later = new S3ObjectStore("examplebucket", "us-east-1", () -> EXAMPLE_KEY,
                Clock.offset(EXAMPLE_TIME, Duration.ofSeconds(1)));

        String once = examplebucket.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url();
        assertThat(examplebucket.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url()).isEqualTo(once);
        assertThat(later.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url()).isNotEqualTo(once);
    }

    /** A Lambda's role gives session credentials: the token travels in the URL, or S3 refuses the signature. */
    @Test
    void sessionCredentialsCarryTheirToken() {
        S3ObjectStore withRole = new S3ObjectStore("b", "eu-west-1",
                () -> new AwsCredentials("ASIAEXAMPLE", "secret", "the-session-token"), EXAMPLE_TIME);

        assertThat(withRole.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url())
                .contains("X-Amz-Security-Token=the-session-token");
    }

    @Test
    void refusesAValidityS3WouldRefuse() {
        assertThatThrownBy(() -> examplebucket.presignUpload("k", "text/csv", Duration.ofDays(8)))
                .hasMessageContaining("7 days");
    }

    /** Each presigned URL asks the role for credentials: a refreshed session signs the next URL. */
    @Test
    void everyUrlIsSignedWithTheCredentialsOfTheMoment() {
        String[] token = {"first-token"};
        S3ObjectStore store = new S3ObjectStore("b", "eu-west-1", () -> new AwsCredentials("ASIAEXAMPLE", "secret", token[0]),
                EXAMPLE_TIME);

        String first = store.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url();
        token[0] = "second-token";

        assertThat(first).contains("X-Amz-Security-Token=first-token");
        assertThat(store.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url()).contains("X-Amz-Security-Token=second-token");
    }

    @Test
    void signsEveryKindOfKeyAsTheSdkDoes() {
        String characters = "abcXYZ019 -_.~+/*%=&?#!'()@:;,$é日本🙂";
        int[] points = characters.codePoints().toArray();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            StringBuilder key = new StringBuilder("candle-uploads/");
            for (int n = 1 + random.nextInt(20); n > 0; n--) {
                key.appendCodePoint(points[random.nextInt(points.length)]);
            }
            String region = List.of("us-east-1", "eu-central-1", "sa-east-1").get(random.nextInt(3));
            AwsCredentials credentials = random.nextBoolean() ? EXAMPLE_KEY
                    : new AwsCredentials("ASIA" + i, "secret/" + random.nextLong(), "token+/=" + random.nextLong());
            Clock clock = Clock.fixed(Instant.ofEpochSecond(1_500_000_000L + random.nextInt(300_000_000)), ZoneOffset.UTC);
            Duration validFor = Duration.ofSeconds(1 + random.nextInt(604_800));
            SdkHttpMethod method = List.of(SdkHttpMethod.GET, SdkHttpMethod.PUT, SdkHttpMethod.DELETE).get(random.nextInt(3));
            Map<String, String> headers = method == SdkHttpMethod.PUT ? Map.of("content-type", "text/csv") : Map.of();
            S3ObjectStore store = new S3ObjectStore("bucket-" + i, region, () -> credentials, clock);

            URI ours = store.presign(method.name(), key.toString(), headers, validFor);

            SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(URI.create(ours.getScheme() + "://"
                    + ours.getRawAuthority() + ours.getRawPath()));
            headers.forEach(request::putHeader);
            AwsCredentialsIdentity identity = credentials.sessionToken() == null
                    ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                    : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                            credentials.sessionToken());
            URI sdk = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request.build())
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validFor)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request().getUri();

            assertThat(ours.getRawAuthority()).isEqualTo("bucket-" + i + ".s3." + region + ".amazonaws.com");
            assertThat(URI.create("https://h" + ours.getRawPath()).getPath()).as(key.toString()).isEqualTo("/" + key);
            assertThat(query(ours)).as(key.toString()).isEqualTo(query(sdk));
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return query;
    }
}
