package app.tradebot.auth;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

/**
 * CPU time of one access token check, this release's verifier against the nimbus-jose-jwt one it
 * replaced (the same steps as AccessTokens.verify did up to 2026-12-06: JWTParser.parse, the alg check,
 * MACVerifier, the claims set, exp/nbf/jti/sub), alternated in one JVM on one thread, each round timed
 * with the thread's own CPU clock, so that the neighbours' load does not count. Run by bench/token-verify.sh.
 */
public final class TokenVerify {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        byte[] key = new byte[96];
        new java.security.SecureRandom().nextBytes(key);
        RevokedTokens none = new RevokedTokens() {
            @Override
            public void revoke(String tokenId, Instant until) {
            }

            @Override
            public boolean isRevoked(String tokenId) {
                return false;
            }
        };
        AccessTokens tokens = new AccessTokens(key, Duration.ofDays(7), none, Clock.systemUTC());
        String token = tokens.issue(UUID.randomUUID()).value();
        MACVerifier nimbus = new MACVerifier(key);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += tokens.verify(token).expiresAt().getEpochSecond();
            }
            ours[round] = (cpu.getCurrentThreadCpuTime() - start) / 1000.0 / perRound;
            start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += nimbusVerify(nimbus, token).getEpochSecond();
            }
            theirs[round] = (cpu.getCurrentThreadCpuTime() - start) / 1000.0 / perRound;
        }
        // The first half warms the JIT; the figures are the medians of the second half.
        System.out.printf("ourVerifyCpuMicros=%.2f%nnimbusVerifyCpuMicros=%.2f%nratio=%.2f%nsink=%d%n",
                median(ours, rounds / 2), median(theirs, rounds / 2), median(theirs, rounds / 2) / median(ours, rounds / 2),
                sink % 10);
    }

    private static Instant nimbusVerify(MACVerifier verifier, String token) throws Exception {
        SignedJWT jwt = (SignedJWT) JWTParser.parse(token);
        if (!JWSAlgorithm.HS512.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
            throw new IllegalStateException("refused");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Date expiration = claims.getExpirationTime();
        if (!Instant.now().isBefore(expiration.toInstant()) || claims.getJWTID() == null) {
            throw new IllegalStateException("refused");
        }
        UUID.fromString(claims.getSubject());
        return expiration.toInstant();
    }

    private static double median(double[] values, int from) {
        double[] tail = java.util.Arrays.copyOfRange(values, from, values.length);
        java.util.Arrays.sort(tail);
        return tail[tail.length / 2];
    }
}
