package app.tradebot.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which webhook targets are refused, with names pinned to addresses so no DNS is asked. */
class TargetsTest {

    private static final Map<String, String[]> NAMES = Map.of(
            "hooks.example.com", new String[] {"93.184.215.14"},
            "rebind.example.com", new String[] {"93.184.215.14", "10.1.2.3"},
            "metadata.example.com", new String[] {"169.254.169.254"},
            "v6.example.com", new String[] {"2606:4700::6810:84e5"});

    private final Targets strict = new Targets(false, pinned());
    private final Targets lenient = new Targets(true, pinned());

    private static Targets.Resolver pinned() {
        return host -> {
            String[] addresses = NAMES.get(host);
            if (addresses == null) {
                if (host.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                    return new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]);
            }
            return resolved;
        };
    }

    @Test
    void publicHttpAndHttpsTargetsAreAccepted() {
        assertThat(strict.refusal("https://hooks.example.com/tradebot?x=1")).isEmpty();
        assertThat(strict.refusal("http://hooks.example.com:8080/in")).isEmpty();
        assertThat(strict.refusal("https://v6.example.com/")).isEmpty();
        assertThat(strict.refusal("https://93.184.215.14/")).isEmpty();
    }

    @Test
    void everyNonPublicAddressClassIsRefusedAndNamed() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("http://127.0.0.1/", "loopback"),
                Map.entry("http://127.5.6.7:9000/", "loopback"),
                Map.entry("http://[::1]/", "loopback"),
                Map.entry("http://169.254.169.254/latest/meta-data", "link-local"),
                Map.entry("http://metadata.example.com/", "link-local"),
                Map.entry("http://[fe80::1]/", "link-local"),
                Map.entry("http://10.0.0.1/", "private"),
                Map.entry("http://172.16.5.4/", "private"),
                Map.entry("http://192.168.1.1/", "private"),
                Map.entry("http://100.64.0.1/", "private"),
                Map.entry("http://[fd00::1]/", "private"),
                Map.entry("http://224.0.0.1/", "multicast"),
                Map.entry("http://[ff02::1]/", "multicast"),
                Map.entry("http://0.0.0.0/", "unspecified"),
                Map.entry("http://[::]/", "unspecified"),
                Map.entry("http://[::ffff:127.0.0.1]/", "loopback"),
                Map.entry("http://[::ffff:10.0.0.1]/", "private"),
                Map.entry("http://255.255.255.255/", "reserved"));
        cases.forEach((url, kind) -> assertThat(strict.refusal(url)).as(url).hasValueSatisfying(
                message -> assertThat(message).startsWith("must not point at a " + kind + " address")));
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsPrivate() {
        assertThat(strict.refusal("https://rebind.example.com/")).contains(
                "must not point at a private address (rebind.example.com is 10.1.2.3)");
    }

    @Test
    void schemeLengthHostAndResolutionAreChecked() {
        assertThat(strict.refusal("ftp://hooks.example.com/")).contains("must be an http or https URL");
        assertThat(strict.refusal("file:///etc/passwd")).contains("must be an http or https URL");
        assertThat(strict.refusal("javascript:alert(1)")).contains("must be an http or https URL");
        assertThat(strict.refusal("https://user:pw@hooks.example.com/")).hasValueSatisfying(
                m -> assertThat(m).contains("no user name or password"));
        assertThat(strict.refusal("https://no-such-host.example.org/")).contains("host no-such-host.example.org does not resolve");
        assertThat(strict.refusal("https://hooks.example.com/ a")).contains("is not a valid URL");
        String longest = "https://hooks.example.com/" + "a".repeat(Targets.MAX_LENGTH - 26);
        assertThat(longest).hasSize(Targets.MAX_LENGTH);
        assertThat(strict.refusal(longest)).isEmpty();
        assertThat(strict.refusal(longest + "a")).contains("must be at most 2048 characters");
    }

    @Test
    void theOperatorSettingAllowsPrivateTargetsButNotOtherSchemes() {
        assertThat(lenient.refusal("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(lenient.refusal("http://10.0.0.1/")).isEmpty();
        assertThat(lenient.refusal("ftp://127.0.0.1/")).isEqualTo(Optional.of("must be an http or https URL"));
    }

    @Test
    void signaturesFollowStripesScheme() {
        // the RFC-style reference value of HMAC-SHA256 with key "key"
        assertThat(Signatures.header("key", 1700000000L, "{}"))
                .isEqualTo("t=1700000000,v1=" + Signatures.hmac("key", "1700000000.{}"));
        assertThat(Signatures.hmac("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(Signatures.newSecret()).startsWith("whsec_").hasSize(6 + 43).isNotEqualTo(Signatures.newSecret());
    }
}
