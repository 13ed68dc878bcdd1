package app.tradebot.strategy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/strategies} and {@code PUT /api/strategies/{id}}: a name and the rules' source. */
record StrategySourceRequest(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes, starting with a letter or digit") String name,
        @NotNull @Size(max = 10_000) String source) {
}
