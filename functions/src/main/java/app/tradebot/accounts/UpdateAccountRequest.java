package app.tradebot.accounts;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import app.tradebot.exchange.ApiCredentials;

/**
 * {@code PATCH /api/accounts/{id}}: a new name, a new key pair, a daily loss limit of its bots in their quote
 * asset ({@code "0"} removes it), or several. Absent fields stay as they are.
 */
record UpdateAccountRequest(
        @Size(max = AccountNames.MAX_LENGTH) @Pattern(regexp = AccountNames.PATTERN, message = AccountNames.PATTERN_MESSAGE) String name,
        @Size(min = ApiKeys.MIN_LENGTH, max = ApiKeys.MAX_LENGTH) @Pattern(regexp = ApiKeys.PATTERN, message = ApiKeys.MESSAGE) String apiKey,
        @Size(min = ApiKeys.MIN_LENGTH, max = ApiKeys.MAX_LENGTH) @Pattern(regexp = ApiKeys.PATTERN, message = ApiKeys.MESSAGE) String apiSecret,
        @DecimalMin("0") @DecimalMax("1000000000000") BigDecimal dailyLossLimitQuote) {

    UpdateAccountRequest {
        name = AccountNames.normalize(name);
    }

    @Override
    public String toString() {
        return "UpdateAccountRequest[name=" + name + ", apiKey=…" + ApiCredentials.hint(apiKey) + ", apiSecret="
                + (apiSecret == null ? "none" : "***") + ", dailyLossLimitQuote=" + dailyLossLimitQuote + "]";
    }
}
