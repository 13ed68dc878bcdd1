package app.tradebot.strategy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BuiltInStrategiesTest {

    private final StrategyCatalog catalog = StrategyCatalog.builtIn();

    @Test
    void everyStrategyHasASchemaWithDefaultsInsideItsBounds() {
        assertThat(catalog.list()).extracting(StrategyDescriptor::name).startsWith("sma-cross", "ema-cross");
        for (StrategyDescriptor strategy : catalog.list()) {
            assertThat(strategy.description()).isNotBlank();
            for (StrategyDescriptor.Parameter p : strategy.parameters()) {
                assertThat(p.type()).isIn("integer", "number", "boolean", "enum");
                assertThat(p.description()).as(strategy.name() + "." + p.name()).isNotBlank();
                if (p.defaultValue() instanceof Number d) {
                    assertThat(d.doubleValue()).isBetween(p.min(), p.max());
                }
                if (p.type().equals("enum")) {
                    assertThat(p.choices()).contains((String) p.defaultValue());
                }
            }
            // The defaults alone make a valid strategy.
            Map<String, Object> defaults = catalog.validate(strategy.name(), Map.of());
            assertThat(catalog.create(strategy.name(), defaults)).isNotNull();
        }
    }

    @Test
    void smaCrossSchema() {
        StrategyDescriptor sma = catalog.list().get(0);
        assertThat(sma.parameters()).extracting(StrategyDescriptor.Parameter::name)
                .containsExactly("fast", "slow", "stopLoss", "takeProfit", "trailingStop");
        StrategyDescriptor.Parameter fast = sma.parameters().get(0);
        assertThat(fast).isEqualTo(new StrategyDescriptor.Parameter("fast", "integer", 1.0, 500.0, 20,
                "Period of the fast SMA, in candles; less than slow.", null));
        assertThat(sma.parameters().get(2).defaultValue()).isNull();
        assertThat(sma.parameters().get(2).type()).isEqualTo("number");
    }

    @Test
    void defaultsAreFilledInAndOptionalExitsLeftOut() {
        assertThat(catalog.validate("sma-cross", Map.of("slow", 100))).containsExactly(
                Map.entry("fast", 20), Map.entry("slow", 100));
        assertThat(catalog.validate("ema-cross", null)).containsExactly(Map.entry("fast", 12), Map.entry("slow", 26));
        assertThat(catalog.validate("ema-cross", Map.of("takeProfit", 0.2))).containsEntry("takeProfit", 0.2);
    }

    @Test
    void numbersOfAnyJsonShapeAreAccepted() {
        Map<String, Object> params = Map.of("fast", 5L, "slow", new BigDecimal("30.0"), "stopLoss", 1,
                "takeProfit", new BigDecimal("0.25"));
        // stopLoss 1 is out of range, the rest are fine.
        assertThat(errors("sma-cross", params)).containsExactly(new FieldError("params.stopLoss", "must be at most 0.99"));
        Map<String, Object> valid = catalog.validate("sma-cross", Map.of("fast", 5L, "slow", 30.0, "stopLoss", 0.5f));
        assertThat(valid).containsEntry("fast", 5).containsEntry("slow", 30).containsEntry("stopLoss", 0.5);
    }

    @Test
    void unknownStrategy() {
        Invalid e = catchThrowableOfType(Invalid.class, () -> catalog.validate("moon-shot", Map.of()));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("strategy");
            assertThat(error.message()).startsWith("unknown strategy 'moon-shot'; one of sma-cross, ema-cross");
        });
        assertThat(errors(null, Map.of())).extracting(FieldError::field).containsExactly("strategy");
        assertThat(errors(" ", Map.of())).extracting(FieldError::field).containsExactly("strategy");
        assertThat(catchThrowableOfType(Invalid.class, () -> catalog.create("moon-shot", Map.of())).errors())
                .extracting(FieldError::field).containsExactly("strategy");
    }

    @Test
    void unknownParameter() {
        assertThat(errors("sma-cross", Map.of("period", 3))).containsExactly(new FieldError("params.period",
                "unknown parameter; sma-cross takes fast, slow, stopLoss, takeProfit, trailingStop"));
    }

    @Test
    void wrongTypes() {
        Map<String, Object> params = new HashMap<>();
        params.put("fast", "10");
        params.put("slow", 20.5);
        params.put("stopLoss", true);
        params.put("takeProfit", List.of(0.1));
        params.put("trailingStop", Double.NaN);
        assertThat(errors("sma-cross", params)).containsExactlyInAnyOrder(
                new FieldError("params.fast", "must be an integer"),
                new FieldError("params.slow", "must be an integer"),
                new FieldError("params.stopLoss", "must be a number"),
                new FieldError("params.takeProfit", "must be a number"),
                new FieldError("params.trailingStop", "must be a number"));
    }

    @Test
    void outOfRange() {
        assertThat(errors("sma-cross", Map.of("fast", 0, "slow", 1001, "trailingStop", 0))).containsExactly(
                new FieldError("params.fast", "must be at least 1"),
                new FieldError("params.slow", "must be at most 1000"),
                new FieldError("params.trailingStop", "must be at least 0.001"));
        assertThat(errors("ema-cross", Map.of("fast", 3_000_000_000L))).containsExactly(
                new FieldError("params.fast", "must be at most 500"));
    }

    @Test
    void fastMustBeFasterThanSlow() {
        assertThat(errors("sma-cross", Map.of("fast", 50, "slow", 50))).containsExactly(
                new FieldError("params.fast", "must be less than slow (50)"));
        assertThat(errors("ema-cross", Map.of("fast", 30))).containsExactly(
                new FieldError("params.fast", "must be less than slow (26)"));
    }

    @Test
    void theDetailNamesTheStrategy() {
        Invalid e = catchThrowableOfType(Invalid.class, () -> catalog.validate("sma-cross", Map.of("fast", -1)));
        assertThat(e.getMessage()).isEqualTo("The parameters of strategy sma-cross are invalid.");
    }

    private List<FieldError> errors(String strategy, Map<String, Object> params) {
        Invalid e = catchThrowableOfType(Invalid.class, () -> catalog.validate(strategy, params));
        assertThat(e).as("validation of " + params + " should fail").isNotNull();
        return e.errors();
    }
}
