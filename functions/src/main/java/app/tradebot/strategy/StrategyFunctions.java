package app.tradebot.strategy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.Conflict;
import app.tradebot.platform.http.Invalid;
import app.tradebot.platform.http.NotFound;
import app.tradebot.strategy.rules.LookAheadGuard;
import app.tradebot.strategy.rules.RuleException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The strategy functions of template.yaml, and the catalog other features run strategies from. */
@Configuration(proxyBeanMethods = false)
class StrategyFunctions {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Bean
    UserStrategyDao userStrategyDao(Jdbi jdbi) {
        return jdbi.onDemand(UserStrategyDao.class);
    }

    @Bean
    StrategyCatalog strategyCatalog(UserStrategyDao dao) {
        return new UserStrategies(StrategyCatalog.builtIn(), dao);
    }

    @Bean
    ApiFunction listStrategies(ApiFunctions http, StrategyCatalog catalog) {
        return http.of(Void.class, StrategyList.class, 200,
                (body, request) -> new StrategyList(catalog.list(request.userId())));
    }

    @Bean
    ApiFunction validateStrategy(ApiFunctions http) {
        return http.of(ValidateRequest.class, ValidationResult.class, 200, (body, request) -> {
            try {
                UserStrategies.Version version = UserStrategies.Version.of(body.source());
                return new ValidationResult(true, List.of(), version.descriptors(),
                        version.rules().warmUp(version.rules().defaults()));
            }
            catch (RuleException e) {
                return new ValidationResult(false, e.errors(), null, null);
            }
            catch (IllegalArgumentException e) {
                return new ValidationResult(false, List.of(new app.tradebot.strategy.rules.RuleError(1, 1, e.getMessage())),
                        null, null);
            }
        });
    }

    @Bean
    ApiFunction createStrategy(ApiFunctions http, Jdbi jdbi, UserStrategyDao dao, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        return http.of(StrategySourceRequest.class, UserStrategyView.class, 201, (body, request) -> {
            UserStrategies.Version version = compile(body);
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            boolean inserted = jdbi.inTransaction(handle -> {
                UserStrategyDao tx = handle.attach(UserStrategyDao.class);
                if (tx.insert(id, request.userId(), body.name(), now) == 0) {
                    return false;
                }
                tx.insertVersion(id, 1, body.source(), now);
                return true;
            });
            if (!inserted) {
                throw new Conflict("You already have a strategy named " + body.name() + ".");
            }
            return view(dao.find(id, request.userId()).orElseThrow(), version);
        });
    }

    @Bean
    ApiFunction getStrategy(ApiFunctions http, UserStrategyDao dao) {
        return http.of(Void.class, UserStrategyView.class, 200, (body, request) -> {
            UserStrategyRow row = dao.find(request.pathId("id"), request.userId())
                    .orElseThrow(() -> new NotFound("No such strategy."));
            return view(row, UserStrategies.Version.of(row.source()));
        });
    }

    /** A new version: runs that started keep theirs. */
    @Bean
    ApiFunction updateStrategy(ApiFunctions http, Jdbi jdbi, UserStrategyDao dao, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        return http.of(StrategySourceRequest.class, UserStrategyView.class, 200, (body, request) -> {
            UUID id = request.pathId("id");
            UserStrategies.Version version = compile(body);
            Instant now = clock.instant();
            boolean updated = jdbi.inTransaction(handle -> {
                UserStrategyDao tx = handle.attach(UserStrategyDao.class);
                if (tx.find(id, request.userId()).isEmpty()) {
                    return false;
                }
                if (tx.nameTaken(request.userId(), body.name(), id)) {
                    throw new Conflict("You already have a strategy named " + body.name() + ".");
                }
                int next = tx.bump(id, request.userId(), body.name(), now).orElseThrow();
                tx.insertVersion(id, next, body.source(), now);
                return true;
            });
            if (!updated) {
                throw new NotFound("No such strategy.");
            }
            return view(dao.find(id, request.userId()).orElseThrow(), version);
        });
    }

    /** Refused while anything uses the strategy (a bot, a queued or running backtest or optimisation). */
    @Bean
    ApiFunction deleteStrategy(ApiFunctions http, UserStrategyDao dao, ObjectProvider<StrategyUsage> usages) {
        return http.of(Void.class, Void.class, 204, (body, request) -> {
            UUID id = request.pathId("id");
            if (dao.find(id, request.userId()).isEmpty()) {
                throw new NotFound("No such strategy.");
            }
            Optional<Conflict> inUse = inUse(usages, id);
            if (inUse.isPresent()) {
                throw inUse.get();
            }
            try {
                dao.delete(id, request.userId());
            }
            catch (UnableToExecuteStatementException e) {
                // something started using it after the check above: the users' foreign keys decide
                if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                    throw inUse(usages, id).orElseGet(() -> new Conflict(
                            "The strategy came into use while it was being deleted (a bot, a backtest or an optimisation)."));
                }
                throw e;
            }
            return null;
        });
    }

    private static Optional<Conflict> inUse(ObjectProvider<StrategyUsage> usages, UUID id) {
        return usages.orderedStream().filter(usage -> usage.inUse(id)).findFirst()
                .map(usage -> new Conflict(usage.refusal()));
    }

    private static UserStrategies.Version compile(StrategySourceRequest body) {
        if (StrategyCatalog.builtIn().describe(body.name()).isPresent()) {
            throw Invalid.field("name", "is the name of a built-in strategy; pick another");
        }
        try {
            UserStrategies.Version version = UserStrategies.Version.of(body.source());
            LookAheadGuard.check(version.rules());
            return version;
        }
        catch (RuleException e) {
            throw new Invalid("The strategy's source does not compile.",
                    e.errors().stream().map(error -> new app.tradebot.platform.http.FieldError("source", error.toString()))
                            .toList());
        }
        catch (IllegalArgumentException e) {
            throw Invalid.field("source", e.getMessage());
        }
    }

    private static UserStrategyView view(UserStrategyRow row, UserStrategies.Version version) {
        return new UserStrategyView(row.id(), row.name(), row.version(), UserStrategies.reference(row.id(), row.version()),
                row.source(), version.descriptors(), version.rules().warmUp(version.rules().defaults()), row.createdAt(),
                row.updatedAt());
    }
}
