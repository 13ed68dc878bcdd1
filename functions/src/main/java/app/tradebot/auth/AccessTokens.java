package app.tradebot.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Access tokens: JWTs signed HS512 with our key, {@code sub} the user id, a random {@code jti} so a
 * single token can be revoked, {@code iat} and {@code exp}. Verification accepts nothing else:
 * no other algorithm (not even HS256 with the same key), no unsigned token, no bad signature,
 * nothing expired or revoked, nothing issued before its user signed out everywhere or changed the
 * password ({@link SessionsNotBefore}).
 */
class AccessTokens {

    /** Since when a user's tokens are good: empty when all unexpired ones are. */
    @FunctionalInterface
    interface SessionsNotBefore {

        Optional<Instant> of(UUID userId);
    }

    /** What the check reads besides the token itself, in one lookup: its revocation and its user's sessions-not-before. */
    @FunctionalInterface
    interface Standing {

        TokenStanding of(String tokenId, UUID userId);
    }

    /** {@code sessionsNotBefore} null: every unexpired token of the user is good (unless revoked). */
    record TokenStanding(boolean revoked, Instant sessionsNotBefore) {

        static final TokenStanding REVOKED = new TokenStanding(true, null);
    }

    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS512;

    // Far above any token we issue; refuses to parse megabytes someone put in a header.
    private static final int MAX_LENGTH = 4096;

    private static final String MAC_ALGORITHM = "HmacSHA512";
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    // 256 bits, what nimbus' MACVerifier demanded of a key.
    private static final int MIN_KEY_BYTES = 32;

    private final MACSigner signer;
    // A Mac is stateful and not thread-safe: one per request thread, keyed once.
    private final ThreadLocal<Mac> macs;
    private final Duration lifetime;
    private final RevokedTokens revoked;
    private final Standing standing;
    private final Clock clock;

    AccessTokens(byte[] key, Duration lifetime, RevokedTokens revoked, Clock clock) {
        this(key, lifetime, revoked, userId -> Optional.empty(), clock);
    }

    AccessTokens(byte[] key, Duration lifetime, RevokedTokens revoked, SessionsNotBefore sessions, Clock clock) {
        this(key, lifetime, revoked, (tokenId, userId) -> revoked.isRevoked(tokenId) ? TokenStanding.REVOKED
                : new TokenStanding(false, sessions.of(userId).orElse(null)), clock);
    }

    AccessTokens(byte[] key, Duration lifetime, RevokedTokens revoked, Standing standing, Clock clock) {
        try {
            this.signer = new MACSigner(key);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("The access token key is unusable: " + e.getMessage(), e);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("The access token key is unusable: shorter than " + MIN_KEY_BYTES + " bytes");
        }
        SecretKeySpec secret = new SecretKeySpec(key.clone(), MAC_ALGORITHM);
        mac(secret); // an unusable key fails here, at start, not on the first request
        this.macs = ThreadLocal.withInitial(() -> mac(secret));
        this.lifetime = lifetime;
        this.revoked = revoked;
        this.standing = standing;
        this.clock = clock;
    }

    private static Mac mac(SecretKeySpec secret) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(secret);
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("The access token key is unusable: " + e.getMessage(), e);
        }
    }

    IssuedToken issue(UUID userId) {
        return issue(userId, null);
    }

    /**
     * A token issued no earlier than {@code notBefore} (the user's sign-out time, which may be up to
     * a second ahead: JWT times are whole seconds, and a token of the same second as a sign-out must
     * be either before it or after it).
     */
    IssuedToken issue(UUID userId, Instant notBefore) {
        // JWT times are whole seconds; the answer's expiresAt must be the token's exp exactly.
        Instant truncated = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant now = notBefore != null && notBefore.isAfter(truncated) ? notBefore.truncatedTo(ChronoUnit.SECONDS) : truncated;
        Instant expiresAt = now.plus(lifetime);
        String id = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .jwtID(id)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new IssuedToken(jwt.serialize(), id, userId, expiresAt);
    }

    /**
     * Checks a token without a JOSE library: this runs on every authorised request, and nimbus'
     * parsing (its constant-time Base64, the claims through its JSON library, a verifier that copies
     * the key) cost as much as the HMAC itself. The checks are the same: exactly three segments, the
     * header's alg HS512 and nothing else, no {@code crit} header, the HMAC of the first two segments
     * compared in constant time, then the claims (exp, nbf, jti, sub, iat), the revocation and the
     * sessions-not-before lookups.
     */
    VerifiedToken verify(String token) throws InvalidToken {
        if (token == null || token.isBlank()) {
            throw new InvalidToken("missing");
        }
        if (token.length() > MAX_LENGTH) {
            throw new InvalidToken("too long");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new InvalidToken("malformed");
        }
        TokenHeader header = TokenHeader.parse(decode(token, 0, firstDot));
        if ("none".equalsIgnoreCase(header.algorithm())) {
            throw new InvalidToken("not signed");
        }
        if (!ALGORITHM.getName().equals(header.algorithm())) {
            throw new InvalidToken("algorithm " + header.algorithm());
        }
        if (header.critical()) {
            // Nothing we issue names critical parameters; a verifier must refuse ones it does not know.
            throw new InvalidToken("bad signature");
        }
        // Both decoded first: the HMAC is then over ASCII only, the characters as they are.
        byte[] payload = decode(token, firstDot + 1, secondDot);
        byte[] signature = decode(token, secondDot + 1, token.length());
        if (!MessageDigest.isEqual(hmac(token, secondDot), signature)) {
            throw new InvalidToken("bad signature");
        }
        TokenClaims claims = TokenClaims.parse(payload);
        Instant now = clock.instant();
        if (claims.expiresAt() == null) {
            throw new InvalidToken("no expiry");
        }
        Instant expiresAt = claims.expiresAt();
        if (!now.isBefore(expiresAt)) {
            throw new InvalidToken("expired");
        }
        if (claims.notBefore() != null && now.isBefore(claims.notBefore())) {
            throw new InvalidToken("not yet valid");
        }
        String id = claims.id();
        if (id == null || id.isBlank()) {
            throw new InvalidToken("no id");
        }
        UUID userId;
        try {
            userId = UUID.fromString(claims.subject());
        }
        catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidToken("bad subject");
        }
        TokenStanding current = standing.of(id, userId);
        if (current.revoked()) {
            throw new InvalidToken("revoked");
        }
        Instant notBefore = current.sessionsNotBefore();
        if (notBefore != null) {
            Instant issued = claims.issuedAt();
            if (issued == null || issued.isBefore(notBefore)) {
                throw new InvalidToken("signed out");
            }
        }
        return new VerifiedToken(id, userId, expiresAt);
    }

    /** HMAC-SHA512 of the token's first {@code length} characters (header, dot, payload: all ASCII once decoded). */
    private byte[] hmac(String token, int length) {
        byte[] signingInput = new byte[length];
        for (int i = 0; i < length; i++) {
            signingInput[i] = (byte) token.charAt(i);
        }
        return macs.get().doFinal(signingInput);
    }

    /** One Base64URL segment, strictly: anything outside the URL alphabet (or a segment that cannot be one) is malformed. */
    private static byte[] decode(String token, int from, int to) throws InvalidToken {
        if (from == to) {
            throw new InvalidToken("malformed");
        }
        try {
            return URL_DECODER.decode(token.substring(from, to));
        }
        catch (IllegalArgumentException e) {
            throw new InvalidToken("malformed");
        }
    }

    void revoke(VerifiedToken token) {
        revoked.revoke(token.id(), token.expiresAt());
    }

    record IssuedToken(String value, String id, UUID userId, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedToken[id=" + id + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
        }
    }

    record VerifiedToken(String id, UUID userId, Instant expiresAt) {
    }

    // Duplicate names are refused, as nimbus' JSON parser refused them.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** What the header says that the check reads: alg, and whether it names critical parameters. */
    private record TokenHeader(String algorithm, boolean critical) {

        static TokenHeader parse(byte[] json) throws InvalidToken {
            String algorithm = null;
            boolean critical = false;
            try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
                expectObject(parser, "malformed");
                String name;
                while ((name = parser.nextName()) != null) {
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "alg" -> {
                            if (value != JsonToken.VALUE_STRING) {
                                throw new InvalidToken("malformed");
                            }
                            algorithm = parser.getString();
                        }
                        case "crit" -> {
                            critical = value != JsonToken.VALUE_NULL;
                            parser.skipChildren();
                        }
                        default -> parser.skipChildren();
                    }
                }
                expectEnd(parser, "malformed");
            }
            catch (JacksonException e) {
                throw new InvalidToken("malformed");
            }
            if (algorithm == null) {
                throw new InvalidToken("malformed");
            }
            return new TokenHeader(algorithm, critical);
        }
    }

    /** The registered claims the check reads; JSON null counts as absent, a wrong type as malformed. */
    private record TokenClaims(String subject, String id, Instant issuedAt, Instant notBefore, Instant expiresAt) {

        static TokenClaims parse(byte[] json) throws InvalidToken {
            String subject = null;
            String id = null;
            Instant issuedAt = null;
            Instant notBefore = null;
            Instant expiresAt = null;
            try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
                expectObject(parser, "malformed claims");
                String name;
                while ((name = parser.nextName()) != null) {
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "sub" -> subject = string(parser, value);
                        case "jti" -> id = string(parser, value);
                        case "iat" -> issuedAt = seconds(parser, value);
                        case "nbf" -> notBefore = seconds(parser, value);
                        case "exp" -> expiresAt = seconds(parser, value);
                        default -> parser.skipChildren();
                    }
                }
                expectEnd(parser, "malformed claims");
            }
            catch (JacksonException | DateTimeException e) {
                throw new InvalidToken("malformed claims");
            }
            return new TokenClaims(subject, id, issuedAt, notBefore, expiresAt);
        }

        private static String string(JsonParser parser, JsonToken value) throws InvalidToken {
            return switch (value) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> parser.getString();
                default -> throw new InvalidToken("malformed claims");
            };
        }

        /** A NumericDate: seconds since the epoch, a fraction dropped (as nimbus read it). */
        private static Instant seconds(JsonParser parser, JsonToken value) throws InvalidToken {
            return switch (value) {
                case VALUE_NULL -> null;
                // getLongValue refuses what does not fit; ofEpochSecond what no Instant can hold.
                case VALUE_NUMBER_INT -> Instant.ofEpochSecond(parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> Instant.ofEpochSecond((long) parser.getDoubleValue());
                default -> throw new InvalidToken("malformed claims");
            };
        }
    }

    private static void expectObject(JsonParser parser, String reason) throws InvalidToken {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidToken(reason);
        }
    }

    /** Nothing after the object. */
    private static void expectEnd(JsonParser parser, String reason) throws InvalidToken {
        if (parser.nextToken() != null) {
            throw new InvalidToken(reason);
        }
    }
}
