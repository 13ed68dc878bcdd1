package app.tradebot.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

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

    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS512;

    // Far above any token we issue; refuses to parse megabytes someone put in a header.
    private static final int MAX_LENGTH = 4096;

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final RevokedTokens revoked;
    private final SessionsNotBefore sessions;
    private final Clock clock;

    AccessTokens(byte[] key, Duration lifetime, RevokedTokens revoked, Clock clock) {
        this(key, lifetime, revoked, userId -> Optional.empty(), clock);
    }

    AccessTokens(byte[] key, Duration lifetime, RevokedTokens revoked, SessionsNotBefore sessions, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("The access token key is unusable: " + e.getMessage(), e);
        }
        this.lifetime = lifetime;
        this.revoked = revoked;
        this.sessions = sessions;
        this.clock = clock;
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

    VerifiedToken verify(String token) throws InvalidToken {
        if (token == null || token.isBlank()) {
            throw new InvalidToken("missing");
        }
        if (token.length() > MAX_LENGTH) {
            throw new InvalidToken("too long");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        }
        catch (ParseException e) {
            throw new InvalidToken("malformed");
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            throw new InvalidToken("not signed");
        }
        if (!ALGORITHM.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidToken("algorithm " + jwt.getHeader().getAlgorithm());
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidToken("bad signature");
            }
        }
        catch (JOSEException e) {
            throw new InvalidToken("bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        }
        catch (ParseException e) {
            throw new InvalidToken("malformed claims");
        }
        Instant now = clock.instant();
        Date expiration = claims.getExpirationTime();
        if (expiration == null) {
            throw new InvalidToken("no expiry");
        }
        Instant expiresAt = expiration.toInstant();
        if (!now.isBefore(expiresAt)) {
            throw new InvalidToken("expired");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
            throw new InvalidToken("not yet valid");
        }
        String id = claims.getJWTID();
        if (id == null || id.isBlank()) {
            throw new InvalidToken("no id");
        }
        UUID userId;
        try {
            userId = UUID.fromString(claims.getSubject());
        }
        catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidToken("bad subject");
        }
        if (revoked.isRevoked(id)) {
            throw new InvalidToken("revoked");
        }
        Optional<Instant> notBefore = sessions.of(userId);
        if (notBefore.isPresent()) {
            Date issued = claims.getIssueTime();
            if (issued == null || issued.toInstant().isBefore(notBefore.get())) {
                throw new InvalidToken("signed out");
            }
        }
        return new VerifiedToken(id, userId, expiresAt);
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
}
