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

    // --- the verifier without nimbus: same refusals, same tokens --------------------------------------

    @Test
    void aTokenNimbusSignedVerifies() throws Exception {
        // Every token issued so far came from nimbus' MACSigner: header {"typ":"JWT","alg":"HS512"}.
        String id = UUID.randomUUID().toString();
        String token = sign(JWSAlgorithm.HS512, new MACSigner(KEY), validClaims().jwtID(id).build());

        AccessTokens.VerifiedToken verified = tokens.verify(token);

        assertThat(verified.id()).isEqualTo(id);
        assertThat(verified.userId()).isEqualTo(user);
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(LIFETIME));
    }

    @Test
    void aTokenIssuedByAnEarlierReleaseStillVerifies() throws Exception {
        // Issued by nimbus' MACSigner before this verifier (user 7b0c..., at 2026-03-01T12:00:00Z, a week to live), with KEY.
        String earlier = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9"
                + ".eyJzdWIiOiI3YjBjNWJlNi0yZjQ4LTQ2ZjYtOTJjZi1hN2M4ZTY1NGM3M2IiLCJleHAiOjE3NzI5NzEyMDAsImlhdCI6MTc3MjM2NjQwMCwianRpIjoiZjJjOTYxNDYtMDY3NC00ZjQ4LTkyNzctZTYwZjQyNGQ3NmFhIn0"
                + ".bJ7cxKbBkqPcxTuLs6NvkpOEZMCangGxTgLRzB-I_HFmASEXRN2jiYqvLMWuhy3yG-7ozSznyMoHM0J5laH-FQ";

        AccessTokens.VerifiedToken verified = tokens.verify(earlier);

        assertThat(verified.userId()).isEqualTo(UUID.fromString("7b0c5be6-2f48-46f6-92cf-a7c8e654c73b"));
        assertThat(verified.id()).isEqualTo("f2c96146-0674-4f48-9277-e60f424d76aa");
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(LIFETIME));
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String[] parts = tokens.issue(user).value().split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length - 1] ^= 1;
        String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertRefused(parts[0] + "." + parts[1] + "." + flipped, "bad signature");
        // A signature cut short, or one of HS256's length, is no match either.
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 43), "bad signature");
        assertRefused(parts[0] + "." + parts[1] + "." + base64Url("x".repeat(64)), "bad signature");
    }

    @Test
    void aTamperedHeaderIsRefused() {
        String[] parts = tokens.issue(user).value().split("\\.");

        // The same algorithm, spelt differently or with one more parameter: the signature covers the header's bytes.
        assertRefused(base64Url("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2], "bad signature");
        assertRefused(base64Url("{\"typ\":\"JWT\",\"alg\":\"HS512\",\"kid\":\"x\"}") + "." + parts[1] + "." + parts[2],
                "bad signature");
        // Lowered, it is another algorithm.
        assertRefused(base64Url("{\"typ\":\"JWT\",\"alg\":\"hs512\"}") + "." + parts[1] + "." + parts[2], "algorithm hs512");
    }

    @Test
    void algNoneIsRefusedWhateverFollows() throws Exception {
        String payload = tokens.issue(user).value().split("\\.")[1];
        String signature = tokens.issue(user).value().split("\\.")[2];

        assertRefused(base64Url("{\"alg\":\"none\"}") + "." + payload + ".", "not signed");
        assertRefused(base64Url("{\"alg\":\"none\"}") + "." + payload + "." + signature, "not signed");
        assertRefused(base64Url("{\"alg\":\"None\"}") + "." + payload + ".", "not signed");
        assertRefused(base64Url("{\"typ\":\"JWT\"}") + "." + payload + "." + signature, "malformed");
        assertRefused(base64Url("{\"alg\":null}") + "." + payload + "." + signature, "malformed");
        assertRefused(base64Url("{\"alg\":512}") + "." + payload + "." + signature, "malformed");
    }

    @Test
    void hs256SignedWithOurKeyIsRefusedEvenWithAHeaderClaimingHs512() throws Exception {
        String hs256 = sign(JWSAlgorithm.HS256, new MACSigner(KEY), validClaims().build());
        String[] parts = hs256.split("\\.");
        String relabelled = base64Url("{\"typ\":\"JWT\",\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2];

        assertRefused(hs256, "algorithm HS256");
        assertRefused(relabelled, "bad signature");
    }

    @Test
    void criticalHeaderParametersAreRefused() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT)
                .customParam("exp-policy", "strict").criticalParams(java.util.Set.of("exp-policy")).build();
        SignedJWT jwt = new SignedJWT(header, validClaims().build());
        jwt.sign(new MACSigner(KEY));

        assertRefused(jwt.serialize(), "bad signature");
    }

    @Test
    void theWrongNumberOfSegmentsIsRefused() {
        String token = tokens.issue(user).value();
        String[] parts = token.split("\\.");

        assertRefused(parts[0] + "." + parts[1], "malformed");
        assertRefused(token + ".", "malformed");
        assertRefused(token + "." + parts[2], "malformed");
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2] + ".x.y", "malformed");
        assertRefused("." + parts[1] + "." + parts[2], "malformed");
        assertRefused(parts[0] + ".." + parts[2], "malformed");
        assertRefused(parts[0] + "." + parts[1] + ".", "malformed");
    }

    @Test
    void badBase64IsRefused() {
        String[] parts = tokens.issue(user).value().split("\\.");

        assertRefused("!" + parts[0] + "." + parts[1] + "." + parts[2], "malformed");
        assertRefused(parts[0] + "." + parts[1] + "*." + parts[2], "malformed");
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2] + "\u00e9", "malformed");
        // Standard Base64's alphabet (+ and /) is not Base64URL's.
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].replace('-', '+').replace('_', '/') + "+/", "malformed");
        // A payload character past ASCII must not be read as the ASCII one below it.
        assertRefused(parts[0] + "." + parts[1].substring(0, 5) + "\u0141" + parts[1].substring(6) + "." + parts[2], "malformed");
        // Not JSON, or not an object, in the header.
        assertRefused(base64Url("not json") + "." + parts[1] + "." + parts[2], "malformed");
        assertRefused(base64Url("[\"HS512\"]") + "." + parts[1] + "." + parts[2], "malformed");
        assertRefused(base64Url("{\"alg\":\"HS512\"} {}") + "." + parts[1] + "." + parts[2], "malformed");
        assertRefused(base64Url("{\"alg\":\"HS256\",\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2], "malformed");
    }

    @Test
    void aHugeTokenIsRefusedBeforeAnyParsing() throws Exception {
        String token = sign(JWSAlgorithm.HS512, new MACSigner(KEY), validClaims().claim("pad", "p".repeat(5000)).build());

        assertRefused(token, "too long");
        assertRefused(tokens.issue(user).value() + "A".repeat(4096), "too long");
    }

    @Test
    void signedClaimsThatAreNotAnObjectOrHaveWrongTypesAreRefused() throws Exception {
        assertRefused(signRaw("[1,2]"), "malformed claims");
        assertRefused(signRaw("not json"), "malformed claims");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":\"a\",\"exp\":\"" + NOW.plus(LIFETIME).getEpochSecond() + "\"}"),
                "malformed claims");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":\"a\",\"exp\":1e400}"), "malformed claims");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":\"a\",\"exp\":99999999999999999999999}"), "malformed claims");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":7,\"exp\":" + NOW.plus(LIFETIME).getEpochSecond() + "}"),
                "malformed claims");
        assertRefused(signRaw("{\"sub\":[\"" + user + "\"],\"jti\":\"a\",\"exp\":" + NOW.plus(LIFETIME).getEpochSecond() + "}"),
                "malformed claims");
        String exp = "\"exp\":" + NOW.plus(LIFETIME).getEpochSecond();
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":\"a\"," + exp + "," + exp + "}"), "malformed claims");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":\"a\"," + exp + "} x"), "malformed claims");
    }

    @Test
    void missingClaimsAreRefused() throws Exception {
        long exp = NOW.plus(LIFETIME).getEpochSecond();

        assertRefused(signRaw("{}"), "no expiry");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":\"a\",\"exp\":null}"), "no expiry");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"exp\":" + exp + "}"), "no id");
        assertRefused(signRaw("{\"sub\":\"" + user + "\",\"jti\":\" \",\"exp\":" + exp + "}"), "no id");
        assertRefused(signRaw("{\"jti\":\"a\",\"exp\":" + exp + "}"), "bad subject");
        // Unknown claims are no reason to refuse, and a fractional time counts its whole seconds.
        assertThat(tokens.verify(signRaw("{\"sub\":\"" + user + "\",\"jti\":\"a\",\"exp\":" + exp + ".9,\"aud\":[\"x\"],\"n\":{\"a\":[1]}}"))
                .expiresAt()).isEqualTo(NOW.plus(LIFETIME));
    }

    @Test
    void notBeforeCountsToTheSecond() throws Exception {
        String token = sign(JWSAlgorithm.HS512, new MACSigner(KEY), validClaims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());

        assertThatThrownBy(() -> at(NOW.plusSeconds(59)).verify(token)).hasMessage("not yet valid");
        assertThat(at(NOW.plusSeconds(60)).verify(token).userId()).isEqualTo(user);
    }

    @Test
    void aTokenIssuedBeforeTheUsersSessionsEndedIsRefused() throws Exception {
        Instant signedOut = NOW.plusSeconds(30);
        AccessTokens later = new AccessTokens(KEY, LIFETIME, revoked,
                id -> id.equals(user) ? java.util.Optional.of(signedOut) : java.util.Optional.empty(),
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.verify(tokens.issue(user).value())).hasMessage("signed out");
        assertThatThrownBy(() -> later.verify(sign(JWSAlgorithm.HS512, new MACSigner(KEY), validClaims().issueTime(null).build())))
                .hasMessage("signed out");
        assertThat(later.verify(at(signedOut).issue(user).value()).userId()).isEqualTo(user);
        assertThat(later.verify(tokens.issue(UUID.randomUUID()).value())).isNotNull();
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new AccessTokens(new byte[31], LIFETIME, revoked, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verifiesOnManyThreadsAtOnce() throws Exception {
        java.util.List<String> issued = java.util.stream.IntStream.range(0, 64).mapToObj(i -> tokens.issue(user).value()).toList();
        String forged = sign(JWSAlgorithm.HS512, new MACSigner("z".repeat(64).getBytes(StandardCharsets.UTF_8)), validClaims().build());

        java.util.List<Boolean> verdicts = issued.parallelStream().flatMap(t -> java.util.stream.Stream.of(t, forged)).map(t -> {
            try {
                return tokens.verify(t).userId().equals(user);
            }
            catch (InvalidToken e) {
                return false;
            }
        }).toList();

        assertThat(verdicts).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 128).mapToObj(i -> i % 2 == 0).toList());
    }

    private static String signRaw(String claimsJson) throws Exception {
        // The payload's bytes exactly as given, signed as our tokens are.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build();
        String signingInput = header.toBase64URL() + "." + base64Url(claimsJson);
        return signingInput + "." + new MACSigner(KEY).sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
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
