package app.tradebot.strategy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.Problems;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BuiltInStrategiesTest {

    private final StrategyCatalog catalog = StrategyCatalog.builtIn();

    @Test
    void everyStrategyHasASchemaWithDefaultsInsideItsBounds() {
        assertThat(catalog.list()).extracting(StrategyDescriptor::name).containsExactly("sma-cross", "ema-cross",
                "rsi-reversion", "macd-cross", "bollinger", "grid", "dca");
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
            // The defaults alone make a valid strategy; the grid's range has none.
            Map<String, Object> defaults = catalog.validate(strategy.name(),
                    strategy.name().equals("grid") ? Map.of("lower", 100, "upper", 200) : Map.of());
            assertThat(catalog.create(strategy.name(), defaults)).isNotNull();
        }
    }

    @Test
    void smaCrossSchema() {
        StrategyDescriptor sma = catalog.list().get(0);
        assertThat(sma.parameters()).extracting(StrategyDescriptor.Parameter::name)
                .containsExactly("fast", "slow", "stopLoss", "takeProfit", "trailingStop");
        StrategyDescriptor.Parameter fast = sma.parameters().get(0);
        assertThat(fast).isEqualTo(new StrategyDescriptor.Parameter("fast", "Fast period", "integer", 1.0, 500.0, 20,
                "Period of the fast SMA, in candles; less than slow.", null));
        assertThat(sma.parameters().get(2).defaultValue()).isNull();
        assertThat(sma.parameters().get(2).type()).isEqualTo("number");
    }

    /** Every parameter of every built-in has a label a person would write: no name read as a word ("Sl", "K"). */
    @Test
    void everyParameterHasAHumanLabel() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (StrategyDescriptor strategy : catalog.list()) {
            strategy.parameters().forEach(p -> labels.put(strategy.name() + "." + p.name(), p.label()));
        }
        assertThat(labels).containsEntry("sma-cross.slow", "Slow period").containsEntry("ema-cross.fast", "Fast period")
                .containsEntry("macd-cross.signal", "Signal period").containsEntry("rsi-reversion.period", "RSI period")
                .containsEntry("bollinger.k", "Band width (σ)").containsEntry("grid.amountPerLevel", "Amount per level")
                .containsEntry("sma-cross.stopLoss", "Stop loss").containsEntry("dca.takeProfit", "Take profit")
                .containsEntry("macd-cross.trailingStop", "Trailing stop");
        assertThat(labels.values()).allSatisfy(label -> assertThat(label).matches("[A-Z].*").doesNotMatch("[A-Z][a-z]?"));
    }

    @Test
    void aParameterNameReadsAsALabel() {
        assertThat(ParameterSpec.labelOf("sl")).isEqualTo("Stop loss");
        assertThat(ParameterSpec.labelOf("tp")).isEqualTo("Take profit");
        assertThat(ParameterSpec.labelOf("amountPerLevel")).isEqualTo("Amount per level");
        assertThat(ParameterSpec.labelOf("rsi_len")).isEqualTo("RSI length");
        assertThat(ParameterSpec.labelOf("fastEma")).isEqualTo("Fast EMA");
        assertThat(ParameterSpec.labelOf("slow")).isEqualTo("Slow");
        assertThat(ParameterSpec.labelOf("ma2")).isEqualTo("Ma 2");
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
        assertThat(errors("x".repeat(10_000), Map.of())).singleElement().extracting(FieldError::message).asString()
                .startsWith("unknown strategy '" + "x".repeat(40) + "…';").hasSizeLessThan(200);
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
    void rsiReversionBounds() {
        assertThat(catalog.validate("rsi-reversion", Map.of())).containsExactly(Map.entry("period", 14),
                Map.entry("oversold", 30.0), Map.entry("overbought", 70.0));
        assertThat(errors("rsi-reversion", Map.of("period", 1, "oversold", 0, "overbought", 100))).containsExactly(
                new FieldError("params.period", "must be at least 2"),
                new FieldError("params.oversold", "must be at least 1"),
                new FieldError("params.overbought", "must be at most 99"));
        assertThat(errors("rsi-reversion", Map.of("oversold", 50, "overbought", 50))).containsExactly(
                new FieldError("params.oversold", "must be less than overbought (50)"));
    }

    @Test
    void macdCrossBounds() {
        assertThat(catalog.validate("macd-cross", Map.of())).containsExactly(Map.entry("fast", 12), Map.entry("slow", 26),
                Map.entry("signal", 9));
        assertThat(errors("macd-cross", Map.of("fast", 26, "signal", 0))).containsExactly(
                new FieldError("params.signal", "must be at least 1"));
        assertThat(errors("macd-cross", Map.of("fast", 26))).containsExactly(
                new FieldError("params.fast", "must be less than slow (26)"));
    }

    @Test
    void bollingerMode() {
        assertThat(catalog.validate("bollinger", Map.of())).containsExactly(Map.entry("period", 20), Map.entry("k", 2.0),
                Map.entry("mode", "reversion"));
        assertThat(catalog.validate("bollinger", Map.of("mode", "breakout"))).containsEntry("mode", "breakout");
        assertThat(errors("bollinger", Map.of("mode", "Breakout", "k", 0, "period", 1))).containsExactly(
                new FieldError("params.period", "must be at least 2"),
                new FieldError("params.k", "must be at least 0.1"),
                new FieldError("params.mode", "must be one of breakout, reversion"));
        assertThat(errors("bollinger", Map.of("mode", 1))).containsExactly(
                new FieldError("params.mode", "must be one of breakout, reversion"));
        StrategyDescriptor.Parameter mode = catalog.list().get(4).parameters().get(2);
        assertThat(mode.type()).isEqualTo("enum");
        assertThat(mode.choices()).containsExactly("breakout", "reversion");
    }

    @Test
    void gridNeedsARange() {
        assertThat(errors("grid", Map.of())).containsExactly(
                new FieldError("params.lower", "is required"),
                new FieldError("params.upper", "is required"));
        assertThat(errors("grid", Map.of("lower", 30_000, "upper", 20_000))).containsExactly(
                new FieldError("params.lower", "must be less than upper (20000)"));
        assertThat(errors("grid", Map.of("lower", 0, "upper", 20_000, "levels", 1, "amountPerLevel", 0))).containsExactly(
                new FieldError("params.lower", "must be at least 0.00000001"),
                new FieldError("params.levels", "must be at least 2"),
                new FieldError("params.amountPerLevel", "must be at least 0.01"));
        assertThat(catalog.validate("grid", Map.of("lower", 20_000, "upper", 30_000.5))).containsExactly(
                Map.entry("lower", 20_000.0), Map.entry("upper", 30_000.5), Map.entry("levels", 10),
                Map.entry("amountPerLevel", 100.0));
    }

    @Test
    void dcaBounds() {
        assertThat(catalog.validate("dca", Map.of())).containsExactly(Map.entry("interval", 6), Map.entry("amount", 100.0),
                Map.entry("takeProfit", 0.05));
        assertThat(errors("dca", Map.of("interval", 0, "amount", -5, "takeProfit", 11, "stopLoss", 0.1))).containsExactly(
                new FieldError("params.stopLoss", "unknown parameter; dca takes interval, amount, takeProfit"),
                new FieldError("params.interval", "must be at least 1"),
                new FieldError("params.amount", "must be at least 0.01"),
                new FieldError("params.takeProfit", "must be at most 10"));
    }

    @Test
    void theDetailNamesTheStrategy() {
        Invalid e = catchThrowableOfType(Invalid.class, () -> catalog.validate("sma-cross", Map.of("fast", -1)));
        assertThat(e.getMessage()).isEqualTo("The parameters of strategy sma-cross are invalid.");
    }

    @Test
    void aRouteAnswersTheErrorsAsOneProblem() {
        Invalid e = catchThrowableOfType(Invalid.class,
                () -> catalog.validate("sma-cross", Map.of("fast", "x", "slow", 5000, "speed", 1)));
        APIGatewayV2HTTPResponse response = Problems.response(e, "/api/backtests");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(response.getBody());
        assertThat(problem.get("detail").asString()).isEqualTo("The parameters of strategy sma-cross are invalid.");
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString() + ": " + error.get("message").asString()));
        assertThat(fields).containsExactly(
                "params.speed: unknown parameter; sma-cross takes fast, slow, stopLoss, takeProfit, trailingStop",
                "params.fast: must be an integer",
                "params.slow: must be at most 1000");
    }

    private List<FieldError> errors(String strategy, Map<String, Object> params) {
        Invalid e = catchThrowableOfType(Invalid.class, () -> catalog.validate(strategy, params));
        assertThat(e).as("validation of " + params + " should fail").isNotNull();
        return e.errors();
    }
}
