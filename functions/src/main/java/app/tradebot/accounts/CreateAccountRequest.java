package app.tradebot.accounts;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import app.tradebot.exchange.ApiCredentials;

/**
 * {@code POST /api/accounts}. Which of keys and balances a kind takes is checked by {@link CreateAccount};
 * the record only knows each field's own rules.
 */
record CreateAccountRequest(
        @NotBlank @Size(max = AccountNames.MAX_LENGTH) @Pattern(regexp = AccountNames.PATTERN, message = AccountNames.PATTERN_MESSAGE) String name,
        @NotNull @Pattern(regexp = Kinds.PATTERN, message = Kinds.MESSAGE) String kind,
        @Size(min = ApiKeys.MIN_LENGTH, max = ApiKeys.MAX_LENGTH) @Pattern(regexp = ApiKeys.PATTERN, message = ApiKeys.MESSAGE) String apiKey,
        @Size(min = ApiKeys.MIN_LENGTH, max = ApiKeys.MAX_LENGTH) @Pattern(regexp = ApiKeys.PATTERN, message = ApiKeys.MESSAGE) String apiSecret,
        Map<String, BigDecimal> balances) {

    CreateAccountRequest {
        name = AccountNames.normalize(name);
    }

    @Override
    public String toString() {
        // Never the secret, not even in a log line.
        return "CreateAccountRequest[name=" + name + ", kind=" + kind + ", apiKey=…" + ApiCredentials.hint(apiKey)
                + ", apiSecret=" + (apiSecret == null ? "none" : "***") + ", balances=" + balances + "]";
    }
}
