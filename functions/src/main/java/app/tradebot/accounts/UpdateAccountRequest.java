package app.tradebot.accounts;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import app.tradebot.exchange.ApiCredentials;

/** {@code PATCH /api/accounts/{id}}: a new name, a new key pair, or both. Absent fields stay as they are. */
record UpdateAccountRequest(
        @Size(max = AccountNames.MAX_LENGTH) @Pattern(regexp = AccountNames.PATTERN, message = AccountNames.PATTERN_MESSAGE) String name,
        @Size(min = ApiKeys.MIN_LENGTH, max = ApiKeys.MAX_LENGTH) @Pattern(regexp = ApiKeys.PATTERN, message = ApiKeys.MESSAGE) String apiKey,
        @Size(min = ApiKeys.MIN_LENGTH, max = ApiKeys.MAX_LENGTH) @Pattern(regexp = ApiKeys.PATTERN, message = ApiKeys.MESSAGE) String apiSecret) {

    UpdateAccountRequest {
        name = AccountNames.normalize(name);
    }

    @Override
    public String toString() {
        return "UpdateAccountRequest[name=" + name + ", apiKey=…" + ApiCredentials.hint(apiKey) + ", apiSecret="
                + (apiSecret == null ? "none" : "***") + "]";
    }
}
