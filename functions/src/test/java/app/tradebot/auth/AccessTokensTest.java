package app.tradebot.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

    private static final byte[] KEY = "k".repeat(32).concat("-tradebot-test-signing-key-0123456789").getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(10080);

    private final InMemoryRevokedTokens revoked = new InMemoryRevokedTokens();
    private final AccessTokens tokens = at(NOW);
    private final UUID user = UUID.randomUUID();

    @Test
    void anIssuedTokenVerifies() throws Exception {
        AccessTokens.IssuedToken issued = tokens.issue(user);

        AccessTokens.VerifiedToken verified = tokens.verify(issued.value());

        assertThat(verified.userId()).isEqualTo(user);
        assertThat(verified.id()).isEqualTo(issued.id());
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(LIFETIME)).isEqualTo(issued.expiresAt());
    }

    @Test
    void theTokenIsHs512WithSubjectIdIssuedAtAndExpiry() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.issue(user).value());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS512);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(user.toString());
        assertThat(UUID.fromString(claims.getJWTID())).isNotNull();
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(LIFETIME));
    }

    @Test
    void everyTokenHasItsOwnId() {
        assertThat(tokens.issue(user).id()).isNotEqualTo(tokens.issue(user).id());
    }

    @Test
    void aMissingTokenIsRefused() {
        assertRefused(null, "missing");
        assertRefused("", "missing");
        assertRefused("   ", "missing");
    }

    @Test
    void garbageIsRefused() {
        assertRefused("garbage", "malformed");
        assertRefused("a.b.c", "malformed");
        assertRefused("....", "malformed");
        assertRefused("x".repeat(5000), "too long");
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String none = new PlainJWT(validClaims().build()).serialize();
        assertRefused(none, "not signed");

        // The classic forgery: alg none, claims of a real user, empty signature.
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = SignedJWT.parse(tokens.issue(user).value()).getPayload().toBase64URL().toString();
        assertRefused(header + "." + payload + ".", "not signed");
    }

    @Test
    void hs256WithOurOwnKeyIsRefused() throws Exception {
        assertRefused(sign(JWSAlgorithm.HS256, new MACSigner(KEY), validClaims().build()), "algorithm HS256");
        assertRefused(sign(JWSAlgorithm.HS384, new MACSigner(KEY), validClaims().build()), "algorithm HS384");
    }

    @Test
    void anAsymmetricAlgorithmIsRefused() throws Exception {
        RSASSASigner rsa = new RSASSASigner(new RSAKeyGenerator(2048).generate());

        assertRefused(sign(JWSAlgorithm.RS256, rsa, validClaims().build()), "algorithm RS256");
    }

    @Test
    void anotherKeyIsRefused() throws Exception {
        byte[] otherKey = "z".repeat(64).getBytes(StandardCharsets.UTF_8);

        assertRefused(sign(JWSAlgorithm.HS512, new MACSigner(otherKey), validClaims().build()), "bad signature");
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = tokens.issue(user).value().split("\\.");
        String forged = base64Url(validClaims().subject(UUID.randomUUID().toString()).build().toString());

        assertRefused(parts[0] + "." + forged + "." + parts[2], "bad signature");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = tokens.issue(user).value();

        assertThat(at(NOW.plus(LIFETIME).minusSeconds(1)).verify(token).userId()).isEqualTo(user);
        assertThatThrownBy(() -> at(NOW.plus(LIFETIME)).verify(token)).isInstanceOf(InvalidToken.class).hasMessage("expired");
        assertThatThrownBy(() -> at(NOW.plus(LIFETIME).plusSeconds(3600)).verify(token)).hasMessage("expired");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user.toString()).jwtID("id").issueTime(Date.from(NOW)).build();

        assertRefused(sign(JWSAlgorithm.HS512, new MACSigner(KEY), claims), "no expiry");
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        JWTClaimsSet claims = validClaims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build();

        assertRefused(sign(JWSAlgorithm.HS512, new MACSigner(KEY), claims), "not yet valid");
    }

    @Test
    void aTokenWithoutIdOrWithAStrangeSubjectIsRefused() throws Exception {
        assertRefused(sign(JWSAlgorithm.HS512, new MACSigner(KEY), validClaims().jwtID(null).build()), "no id");
        assertRefused(sign(JWSAlgorithm.HS512, new MACSigner(KEY), validClaims().subject("admin").build()), "bad subject");
        assertRefused(sign(JWSAlgorithm.HS512, new MACSigner(KEY), validClaims().subject(null).build()), "bad subject");
    }

    @Test
    void aRevokedTokenIsRefusedAndOnlyThatOne() throws Exception {
        String first = tokens.issue(user).value();
        String second = tokens.issue(user).value();

        tokens.revoke(tokens.verify(first));

        assertRefused(first, "revoked");
        assertThat(tokens.verify(second).userId()).isEqualTo(user);
        assertThat(revoked.until).containsValue(NOW.plus(LIFETIME));
    }

    private AccessTokens at(Instant instant) {
        return new AccessTokens(KEY, LIFETIME, revoked, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder()
                .subject(user.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(LIFETIME)));
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String token, String reason) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidToken.class).hasMessage(reason);
    }

    private static final class InMemoryRevokedTokens implements RevokedTokens {

        final Map<String, Instant> until = new HashMap<>();

        @Override
        public void revoke(String tokenId, Instant expiresAt) {
            until.put(tokenId, expiresAt);
        }

        @Override
        public boolean isRevoked(String tokenId) {
            return until.containsKey(tokenId);
        }
    }
}
