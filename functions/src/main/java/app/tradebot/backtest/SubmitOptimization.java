package app.tradebot.backtest;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.platform.http.ApiHandler;
import app.tradebot.platform.http.ApiRequest;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.StrategyDescriptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/optimizations}: checks the backtest part like a backtest, expands the ranges
 * (400 when the grid exceeds {@code maxRuns} or none of the sets is valid), fixes the random seed,
 * stores the job and queues it for {@code runOptimization}.
 */
final class SubmitOptimization implements ApiHandler<OptimizationRequest, Submitted> {

    private final BacktestRules rules;
    private final StrategyCatalog catalog;
    private final JobDao jobs;
    private final JobQueue queue;
    private final JsonMapper json;
    private final SecureRandom seeds = new SecureRandom();

    SubmitOptimization(BacktestRules rules, StrategyCatalog catalog, JobDao jobs, JobQueue queue, JsonMapper json) {
        this.rules = rules;
        this.catalog = catalog;
        this.jobs = jobs;
        this.queue = queue;
        this.json = json;
    }

    @Override
    public Submitted handle(OptimizationRequest body, ApiRequest request) {
        BacktestRequest base = rules.check(body.base());
        Long seed = body.seed() != null ? body.seed()
                : body.search() == OptimizationRequest.Search.random ? seeds.nextLong() : null;
        OptimizationRequest checked = body.with(base, seed);
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
        UUID id = UUID.randomUUID();
        jobs.insert(JobDao.OPTIMIZATIONS, id, request.userId(), json.writeValueAsString(checked));
        BacktestFunctions.enqueue(jobs, queue, JobDao.OPTIMIZATIONS, "runOptimization", id);
        return new Submitted(id, JobRow.QUEUED);
    }

    static StrategyDescriptor descriptor(StrategyCatalog catalog, String strategy) {
        return catalog.list().stream().filter(d -> d.name().equals(strategy)).findFirst()
                .orElseThrow(() -> Invalid.field("strategy", "is not a known strategy"));
    }
}
