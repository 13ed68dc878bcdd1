package app.tradebot.auth;

import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Password rules and email normalisation, as the register and login edges apply them. */
class RegistrationRulesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(Emails.normalize("  Alice.Smith@Example.COM \t")).isEqualTo("alice.smith@example.com");
        assertThat(Emails.normalize("\u00A0BOB@EXAMPLE.ORG\u2003")).isEqualTo("bob@example.org");
        // Composed and decomposed forms of the same letter are one mailbox.
        assertThat(Emails.normalize("Jos\u0065\u0301@example.com")).isEqualTo(Emails.normalize("JOS\u00C9@example.com"));
        assertThat(Emails.normalize(null)).isNull();
    }

    @Test
    void requestsCarryTheNormalisedEmail() {
        assertThat(new RegisterRequest(" Alice@Example.com ", "x").email()).isEqualTo("alice@example.com");
        assertThat(new LoginRequest("ALICE@EXAMPLE.COM", "x").email()).isEqualTo("alice@example.com");
    }

    @Test
    void aGoodRegistrationHasNoViolations() {
        assertThat(violations(new RegisterRequest("alice@example.com", "0123456789"))).isEmpty();
        assertThat(violations(new RegisterRequest(" Alice@Example.com ", "p".repeat(128)))).isEmpty();
    }

    @Test
    void passwordsHaveTenToOneHundredTwentyEightCharacters() {
        assertThat(violations(new RegisterRequest("alice@example.com", "123456789")))
                .containsExactly(Map.entry("password", "size must be between 10 and 128"));
        assertThat(violations(new RegisterRequest("alice@example.com", "p".repeat(129))))
                .containsExactly(Map.entry("password", "size must be between 10 and 128"));
        assertThat(violations(new RegisterRequest("alice@example.com", " ".repeat(12))))
                .containsExactly(Map.entry("password", "must not be blank"));
        assertThat(violations(new RegisterRequest("alice@example.com", null)))
                .containsExactly(Map.entry("password", "must not be blank"));
    }

    @Test
    void emailsMustLookLikeEmails() {
        for (String bad : new String[] {"alice", "alice@", "@example.com", "alice@example", "alice@@example.com",
                "al ice@example.com", "alice@exa mple.com", "alice@example.c", "alice@.com", "a\u0000b@example.com"}) {
            assertThat(violations(new RegisterRequest(bad, "0123456789"))).as(bad)
                    .containsExactly(Map.entry("email", "must be an email address"));
        }
        String tooLong = "a".repeat(64) + "@" + "b".repeat(190) + ".com";
        assertThat(violations(new RegisterRequest(tooLong, "0123456789"))).containsKey("email");
        assertThat(violations(new RegisterRequest(null, "0123456789"))).containsExactly(Map.entry("email", "must not be blank"));
    }

    @Test
    void loginChecksOnlyTheShape() {
        assertThat(violations(new LoginRequest("not-an-email", "short"))).isEmpty();
        assertThat(violations(new LoginRequest("", ""))).containsOnlyKeys("email", "password");
        assertThat(violations(new LoginRequest("a@b.co", "p".repeat(129)))).containsOnlyKeys("password");
    }

    private Map<String, String> violations(Object request) {
        Map<String, String> found = new TreeMap<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            found.merge(violation.getPropertyPath().toString(), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return found;
    }
}
