package app.tradebot.runtime;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (AWS4-HMAC-SHA256) for the two kinds of request TradeBot makes to AWS, so that no
 * AWS SDK is packaged for them: a request signed in its headers (Secrets Manager's JSON POST, {@link #sign}) and
 * a URL signed in its query string (S3's presigned URLs, {@link #presign}).
 * <p>
 * The canonical URI follows the service: S3 signs the path exactly as it is sent (encoded once, never
 * normalised, so keys such as {@code a//b} or {@code ./x} keep their meaning); every other service signs the
 * normalised path with each segment encoded a second time.
 */
public final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The payload hash of a presigned S3 URL: the body is not known when the URL is made. */
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** The longest validity SigV4 allows a presigned URL. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(7);

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String service;
    private final String region;

    public SigV4(String service, String region) {
        if (blank(service) || blank(region)) {
            throw new IllegalArgumentException("SigV4 signs for a service in a region");
        }
        this.service = service;
        this.region = region;
    }

    /**
     * The headers to send with the request beside {@code headers}: X-Amz-Date, X-Amz-Security-Token (with
     * temporary credentials) and Authorization. Every header in {@code headers} is signed, and so is the host
     * (the URI's host, with its port unless the scheme's default, as the HTTP client sends it).
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, Instant at,
            AwsCredentials credentials) {
        String dateTime = DATE_TIME.format(at);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", dateTime);
        if (credentials.sessionToken() != null) {
            added.put("X-Amz-Security-Token", credentials.sessionToken());
        }
        Map<String, String> signed = new LinkedHashMap<>(headers);
        signed.putAll(added);
        TreeMap<String, String> canonicalHeaders = canonicalHeaders(uri, signed);
        String signedHeaders = String.join(";", canonicalHeaders.keySet());
        String canonicalRequest = canonicalRequest(method, uri, canonicalQuery(queryOf(uri)), canonicalHeaders,
                signedHeaders, payloadHash(body));
        String scope = scope(dateTime);
        added.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature(credentials, dateTime, scope, canonicalRequest));
        return added;
    }

    /**
     * {@code uri} with the signature in its query string (X-Amz-*), valid for {@code validFor} from {@code at};
     * {@code headers} are signed and must be sent as they are. The payload is unsigned.
     */
    public URI presign(String method, URI uri, Map<String, String> headers, Duration validFor, Instant at,
            AwsCredentials credentials) {
        if (validFor.compareTo(Duration.ofSeconds(1)) < 0 || validFor.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A presigned URL is valid for 1 second to 7 days");
        }
        String dateTime = DATE_TIME.format(at);
        String scope = scope(dateTime);
        TreeMap<String, String> canonicalHeaders = canonicalHeaders(uri, headers);
        String signedHeaders = String.join(";", canonicalHeaders.keySet());
        List<String[]> query = queryOf(uri);
        query.add(new String[] {"X-Amz-Algorithm", ALGORITHM});
        query.add(new String[] {"X-Amz-Credential", credentials.accessKeyId() + "/" + scope});
        query.add(new String[] {"X-Amz-Date", dateTime});
        query.add(new String[] {"X-Amz-Expires", Long.toString(validFor.toSeconds())});
        if (credentials.sessionToken() != null) {
            query.add(new String[] {"X-Amz-Security-Token", credentials.sessionToken()});
        }
        query.add(new String[] {"X-Amz-SignedHeaders", signedHeaders});
        String canonicalQuery = canonicalQuery(query);
        String canonicalRequest = canonicalRequest(method, uri, canonicalQuery, canonicalHeaders, signedHeaders,
                UNSIGNED_PAYLOAD);
        String signature = signature(credentials, dateTime, scope, canonicalRequest);
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + rawPath(uri) + "?" + canonicalQuery
                + "&X-Amz-Signature=" + signature);
    }

    /**
     * RFC 3986 percent-encoding as SigV4 wants it: every byte of the UTF-8 form but the unreserved characters
     * (letters, digits, '-', '.', '_', '~') as %XY with upper-case hex digits, a space as %20, and '/' kept
     * when {@code keepSlash} (an S3 object key's path).
     */
    public static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            }
            else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private String canonicalRequest(String method, URI uri, String canonicalQuery, TreeMap<String, String> headers,
            String signedHeaders, String payloadHash) {
        StringBuilder request = new StringBuilder(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(canonicalPath(uri)).append('\n')
                .append(canonicalQuery).append('\n');
        headers.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
        return request.append('\n').append(signedHeaders).append('\n').append(payloadHash).toString();
    }

    private String canonicalPath(URI uri) {
        String path = rawPath(uri);
        if ("s3".equals(service)) {
            return path;
        }
        String normalised = URI.create("http://h" + path).normalize().getRawPath();
        return encode(normalised.isEmpty() ? "/" : normalised, true);
    }

    private static String rawPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** Names in lower case, sorted; values trimmed with inner runs of spaces made one. The host is always signed. */
    private static TreeMap<String, String> canonicalHeaders(URI uri, Map<String, String> headers) {
        TreeMap<String, String> canonical = new TreeMap<>();
        canonical.put("host", host(uri));
        headers.forEach((name, value) -> canonical.merge(name.toLowerCase(Locale.ROOT),
                value.trim().replaceAll(" +", " "), (a, b) -> a + "," + b));
        return canonical;
    }

    private static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** The URI's query as decoded name and value pairs, each encoded again by {@link #canonicalQuery}. */
    private static List<String[]> queryOf(URI uri) {
        List<String[]> pairs = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return pairs;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(new String[] {decode(name), decode(value)});
        }
        return pairs;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Each name and value encoded, sorted by name then value, joined with '&'. */
    private static String canonicalQuery(List<String[]> pairs) {
        return pairs.stream().map(p -> new String[] {encode(p[0], false), encode(p[1], false)})
                .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
                .map(p -> p[0] + "=" + p[1])
                .reduce((a, b) -> a + "&" + b).orElse("");
    }

    private String scope(String dateTime) {
        return dateTime.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    private String signature(AwsCredentials credentials, String dateTime, String scope, String canonicalRequest) {
        String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), dateTime.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The hex SHA-256 of a body: what X-Amz-Content-Sha256 holds when a request sends it. */
    public static String payloadHash(byte[] body) {
        return hex(sha256(body));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
