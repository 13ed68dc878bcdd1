package app.tradebot.platform.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Presigning against a fixed clock, checked against the example AWS publishes for query-string authentication. */
class S3ObjectStoreTest {

    static final Clock EXAMPLE_TIME = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);

    private final S3ObjectStore examplebucket = new S3ObjectStore("examplebucket", "us-east-1",
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")), EXAMPLE_TIME);

    /** S3 API reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", the GET example. */
    @Test
    void signsAsAwssDocumentedExample() {
        S3ObjectStore documented = new S3ObjectStore("examplebucket.s3.amazonaws.com", "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")), EXAMPLE_TIME, true);

        String url = documented.presign(SdkHttpMethod.GET, "test.txt", Map.of(), Duration.ofSeconds(86400)).toString();

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
        S3ObjectStore later = new S3ObjectStore("examplebucket", "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")), Clock.offset(EXAMPLE_TIME, Duration.ofSeconds(1)));

        String once = examplebucket.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url();
        assertThat(examplebucket.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url()).isEqualTo(once);
        assertThat(later.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url()).isNotEqualTo(once);
    }

    /** A Lambda's role gives session credentials: the token travels in the URL, or S3 refuses the signature. */
    @Test
    void sessionCredentialsCarryTheirToken() {
        S3ObjectStore withRole = new S3ObjectStore("b", "eu-west-1", StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "the-session-token")), EXAMPLE_TIME);

        assertThat(withRole.presignUpload("k.csv", "text/csv", Duration.ofMinutes(15)).url())
                .contains("X-Amz-Security-Token=the-session-token");
    }

    @Test
    void refusesAValidityS3WouldRefuse() {
        assertThatThrownBy(() -> examplebucket.presignUpload("k", "text/csv", Duration.ofDays(8)))
                .hasMessageContaining("7 days");
    }
}
