package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * TradeBot's signer against AWS's published Signature Version 4 test suite, and against the AWS SDK's own
 * signer (a test dependency only) over many generated requests of the two kinds TradeBot signs: S3 presigned
 * URLs and Secrets Manager's JSON POST.
 */
class SigV4Test {

    /** The credentials, region, service and time of AWS's SigV4 test suite (aws-sig-v4-test-suite). */
    static final AwsCredentials SUITE = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    static final String SUITE_PREFIX = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=";

    private final SigV4 suite = new SigV4("service", "us-east-1");

    @Test
    void signsTheSuitesGetVanilla() {
        Map<String, String> added = suite.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0],
                SUITE_TIME, SUITE);

        assertThat(added).containsExactly(Map.entry("X-Amz-Date", "20150830T123600Z"), Map.entry("Authorization",
                SUITE_PREFIX + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    }

    @Test
    void signsTheSuitesPostVanilla() {
        assertThat(suite.sign("POST", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0], SUITE_TIME, SUITE))
                .containsEntry("Authorization", SUITE_PREFIX + "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void signsTheSuitesQueryOrderKeyCase() {
        assertThat(suite.sign("GET", URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"), Map.of(),
                new byte[0], SUITE_TIME, SUITE))
                .containsEntry("Authorization", SUITE_PREFIX + "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void encodesAllButTheUnreservedCharactersInUpperCaseHex() {
        assertThat(SigV4.encode("a b+c/d~e*f_g.h-é", false)).isEqualTo("a%20b%2Bc%2Fd~e%2Af_g.h-%C3%A9");
        assertThat(SigV4.encode("candle uploads/7f1c/日.csv", true)).isEqualTo("candle%20uploads/7f1c/%E6%97%A5.csv");
    }

    @Test
    void refusesAValidityPresignedUrlsCannotHave() {
        SigV4 s3 = new SigV4("s3", "eu-west-1");
        URI uri = URI.create("https://b.s3.eu-west-1.amazonaws.com/k");

        assertThatThrownBy(() -> s3.presign("GET", uri, Map.of(), Duration.ofDays(7).plusSeconds(1), SUITE_TIME, SUITE))
                .hasMessageContaining("7 days");
        assertThatThrownBy(() -> s3.presign("GET", uri, Map.of(), Duration.ZERO, SUITE_TIME, SUITE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s3.presign("GET", uri, Map.of(), Duration.ofDays(7), SUITE_TIME, SUITE).toString())
                .contains("X-Amz-Expires=604800");
    }

    @Test
    void credentialsNeverPrintTheirSecretOrToken() {
        AwsCredentials credentials = new AwsCredentials("ASIAKEY", "the-secret-key", "the-session-token");

        assertThat(credentials.toString()).contains("ASIAKEY").doesNotContain("the-secret-key").doesNotContain("the-session-token");
    }

    // The SDK's signer as the oracle.

    private static final String KEY_CHARACTERS = "abcXYZ019 -_.~+/*%=&?#!'()@:;,$é日本🙂";
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1");

    @Test
    void presignsS3UrlsAsTheSdkDoes() {
        Random random = new Random(20261206);
        for (int i = 0; i < 400; i++) {
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            String key = randomKey(random);
            SdkHttpMethod method = List.of(SdkHttpMethod.GET, SdkHttpMethod.PUT, SdkHttpMethod.DELETE).get(random.nextInt(3));
            Map<String, String> headers = method == SdkHttpMethod.PUT
                    ? Map.of("content-type", random.nextBoolean() ? "text/csv" : "application/octet-stream") : Map.of();
            AwsCredentials credentials = randomCredentials(random);
            Instant at = Instant.ofEpochSecond(1_400_000_000L + random.nextInt(400_000_000));
            Duration validFor = Duration.ofSeconds(1 + random.nextInt((int) SigV4.MAX_VALIDITY.toSeconds()));
            URI uri = URI.create("https://bucket-" + i + ".s3." + region + ".amazonaws.com/" + SigV4.encode(key, true));

            URI ours = new SigV4("s3", region).presign(method.name(), uri, headers, validFor, at, credentials);
            URI sdk = sdkPresign(method, uri, headers, validFor, at, credentials, region);

            String context = method + " " + key + " " + credentials + " " + region + " " + at + " " + validFor;
            assertThat(ours.getScheme()).as(context).isEqualTo(sdk.getScheme());
            assertThat(ours.getRawAuthority()).as(context).isEqualTo(sdk.getRawAuthority());
            assertThat(ours.getRawPath()).as(context).isEqualTo(sdk.getRawPath());
            assertThat(query(ours)).as(context).isEqualTo(query(sdk)).containsKey("X-Amz-Signature");
            assertThat(query(ours).containsKey("X-Amz-Security-Token")).as(context).isEqualTo(credentials.sessionToken() != null);
        }
    }

    @Test
    void signsSecretsManagerRequestsAsTheSdkDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            URI endpoint = switch (random.nextInt(3)) {
                case 0 -> URI.create("https://secretsmanager." + region + ".amazonaws.com");
                case 1 -> URI.create("https://secretsmanager." + region + ".amazonaws.com/");
                default -> URI.create("http://127.0.0.1:" + (1024 + random.nextInt(60000)));
            };
            String body = "{\"SecretId\":\"arn:aws:secretsmanager:" + region + ":123456789012:secret:" + randomKey(random)
                    .replace("\"", "").replace("\\", "") + "\"" + (random.nextBoolean() ? ",\"VersionId\":\"v" + i + "\"" : "") + "}";
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/x-amz-json-1.1");
            headers.put("X-Amz-Target", "secretsmanager.GetSecretValue");
            AwsCredentials credentials = randomCredentials(random);
            Instant at = Instant.ofEpochSecond(1_400_000_000L + random.nextInt(400_000_000));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            headers.put("X-Amz-Content-Sha256", SigV4.payloadHash(bytes)); // as SecretsManager sends it

            Map<String, String> ours = new SigV4("secretsmanager", region).sign("POST", endpoint, headers, bytes, at, credentials);
            SdkHttpRequest sdk = sdkSign(endpoint, headers, bytes, at, credentials, region);

            String context = endpoint + " " + body + " " + credentials + " " + region + " " + at;
            assertThat(ours.get("Authorization")).as(context).isEqualTo(sdk.firstMatchingHeader("Authorization").orElseThrow());
            assertThat(ours.get("X-Amz-Date")).as(context).isEqualTo(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow());
            assertThat(ours.get("X-Amz-Security-Token")).as(context)
                    .isEqualTo(sdk.firstMatchingHeader("X-Amz-Security-Token").orElse(null));
        }
    }

    /** Other services sign the normalised path, each segment encoded twice; S3 the path as sent. */
    @Test
    void encodesOtherServicesPathsTwiceAsTheSdkDoes() {
        for (String path : List.of("/", "/a%20b/c", "/x/../y/./z", "/%E6%97%A5/a+b", "/a//b")) {
            URI uri = URI.create("https://lambda.eu-west-1.amazonaws.com" + path);
            Map<String, String> ours = new SigV4("lambda", "eu-west-1").sign("GET", uri,
                    Map.of("X-Amz-Content-Sha256", SigV4.payloadHash(new byte[0])), new byte[0], SUITE_TIME, SUITE);
            SignedRequest sdk = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(SUITE.accessKeyId(), SUITE.secretAccessKey()))
                    .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build())
                    .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(SUITE_TIME, ZoneOffset.UTC)));

            assertThat(ours.get("Authorization")).as(path).isEqualTo(sdk.request().firstMatchingHeader("Authorization").orElseThrow());
        }
    }

    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        int[] points = KEY_CHARACTERS.codePoints().toArray();
        for (int n = 1 + random.nextInt(24); n > 0; n--) {
            key.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return key.toString();
    }

    private static AwsCredentials randomCredentials(Random random) {
        String id = (random.nextBoolean() ? "ASIA" : "AKIA") + Long.toHexString(random.nextLong()).toUpperCase();
        String secret = Long.toString(random.nextLong(), 36) + "/+" + Long.toString(random.nextLong(), 36);
        String token = random.nextBoolean() ? null : "IQoJb3JpZ2luX2Vj" + Long.toString(random.nextLong(), 36) + "+/=";
        return new AwsCredentials(id, secret, token);
    }

    private static URI sdkPresign(SdkHttpMethod method, URI uri, Map<String, String> headers, Duration validFor, Instant at,
            AwsCredentials credentials, String region) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity(credentials)).request(request.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validFor)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request().getUri();
    }

    private static SdkHttpRequest sdkSign(URI uri, Map<String, String> headers, byte[] body, Instant at,
            AwsCredentials credentials, String region) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        return AwsV4HttpSigner.create().sign(r -> r.identity(identity(credentials)).request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    private static AwsCredentialsIdentity identity(AwsCredentials credentials) {
        return credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken());
    }

    /** The raw (still encoded) query parameters. */
    static Map<String, String> query(URI uri) {
        Map<String, String> query = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return query;
    }
}
