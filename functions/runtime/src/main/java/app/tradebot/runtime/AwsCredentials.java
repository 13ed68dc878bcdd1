package app.tradebot.runtime;

import java.time.Instant;

/**
 * The key a request to AWS is signed with ({@link SigV4}): a role's temporary credentials carry a session
 * token and an expiry, long-term ones neither.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    public AwsCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("AWS credentials need an access key id and a secret access key");
        }
        if (sessionToken != null && sessionToken.isBlank()) {
            sessionToken = null;
        }
    }

    public AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        this(accessKeyId, secretAccessKey, sessionToken, null);
    }

    /** Never the secret key or the token: records print every component, and credentials end up in logs that way. */
    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", sessionToken=" + (sessionToken == null ? "none" : "present")
                + ", expiration=" + expiration + "]";
    }
}
