package app.tradebot.platform.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tokens cross between this Fernet and Python's {@code cryptography.fernet} both ways, so secrets
 * stored by an earlier (Python) TradeBot stay readable and the other way round. Skipped where
 * python3 with the cryptography package is not installed; the spec vectors in {@link FernetTest}
 * still run everywhere.
 */
class FernetInteropTest {

    static final String SECRET = "binance-secret-ÄÖÜ-0123456789abcdefABCDEF/+=";

    @BeforeAll
    static void pythonHasCryptography() {
        assumeTrue(python("import cryptography.fernet", "").exitCode == 0, "python3 with cryptography is not installed");
    }

    @Test
    void pythonReadsOurTokens() {
        String key = Fernet.generateKey();
        String token = Fernet.of(List.of(key)).encrypt(SECRET);

        Result result = python("""
                import sys
                from cryptography.fernet import Fernet
                key, token = sys.stdin.read().split()
                sys.stdout.buffer.write(Fernet(key.encode()).decrypt(token.encode()))
                """, key + " " + token);

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).isEqualTo(SECRET);
    }

    @Test
    void weReadPythonsTokensAndItsKeys() {
        Result result = python("""
                import sys
                from cryptography.fernet import Fernet
                key = Fernet.generate_key()
                secret = sys.stdin.read()
                print(key.decode(), Fernet(key).encrypt(secret.encode()).decode())
                """, SECRET);
        assertThat(result.exitCode).as(result.output).isZero();
        String[] keyAndToken = result.output.trim().split(" ");

        assertThat(Fernet.of(List.of(keyAndToken[0])).decrypt(keyAndToken[1])).isEqualTo(SECRET);
    }

    @Test
    void pythonsMultiFernetReadsWhatWeRotated() {
        String oldKey = Fernet.generateKey();
        String newKey = Fernet.generateKey();
        String rotated = Fernet.of(List.of(newKey, oldKey)).rotate(Fernet.of(List.of(oldKey)).encrypt(SECRET));

        Result result = python("""
                import sys
                from cryptography.fernet import Fernet
                key, token = sys.stdin.read().split()
                sys.stdout.buffer.write(Fernet(key.encode()).decrypt(token.encode()))
                """, newKey + " " + rotated);

        assertThat(result.output).isEqualTo(SECRET);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String script, String input) {
        try {
            Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        }
        catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
