package app.tradebot.backtest;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Invalid;
import app.tradebot.quotas.Quota;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.StrategyDescriptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/optimizations}: checks the backtest part like a backtest, expands the ranges
 * (400 when the grid exceeds {@code maxRuns}, none of the sets is valid or runs × candles exceeds
 * {@link #MAX_CANDLE_RUNS}), fixes the random seed, stores the job and queues it for
 * {@code runOptimization}.
 */
final class SubmitOptimization implements ApiHandler<OptimizationRequest, Submitted> {

    private final BacktestRules rules;
    private final StrategyCatalog catalog;
    private final Submissions submissions;
    private final JsonMapper json;
    /**
     * Runs × candles at most: about two minutes on two cores at 40 M candles a second each, well
     * inside a Lambda's 15 minutes and the broker's delivery timeout.
     */
    static final long MAX_CANDLE_RUNS = 10_000_000_000L;

    private final SecureRandom seeds = new SecureRandom();

    SubmitOptimization(BacktestRules rules, StrategyCatalog catalog, Submissions submissions, JsonMapper json) {
        this.rules = rules;
        this.catalog = catalog;
        this.submissions = submissions;
        this.json = json;
    }

    @Override
    public Submitted handle(OptimizationRequest body, ApiRequest request) {
        BacktestRules.Checked base = rules.checkCounted(request.userId(), body.base());
        Long seed = body.seed() != null ? body.seed()
                : body.search() == OptimizationRequest.Search.random ? seeds.nextLong() : null;
        OptimizationRequest checked = body.with(base.request(), seed);
        List<Map<String, Object>> sets = ParameterSets.of(checked, descriptor(catalog, checked.strategy()));
        Invalid firstRefusal = null;
        int valid = 0;
        for (Map<String, Object> set : sets) {
            try {
                catalog.validate(checked.strategy(), set);
                valid++;
            }
            catch (Invalid e) {
                firstRefusal = firstRefusal == null ? e : firstRefusal;
            }
        }
        if (valid == 0) {
            throw new Invalid("No parameter set of the ranges is valid for " + checked.strategy() + ".",
                    firstRefusal == null ? List.of() : firstRefusal.errors());
        }
        if ((double) valid * base.candles() > MAX_CANDLE_RUNS) {
            throw new Invalid(String.format(Locale.ROOT, "%,d runs over %,d candles are more than %,d candles in all: "
                    + "narrow the ranges, lower maxRuns or shorten the time range.", valid, base.candles(), MAX_CANDLE_RUNS));
        }
        return submissions.submit(BacktestFunctions.OPTIMIZATIONS, Quota.ACTIVE_OPTIMIZATIONS, request.userId(),
                json.writeValueAsString(checked));
    }

    static StrategyDescriptor descriptor(StrategyCatalog catalog, String strategy) {
        return catalog.describe(strategy)
                .orElseThrow(() -> Invalid.field("strategy", "is not a known strategy"));
    }
}
