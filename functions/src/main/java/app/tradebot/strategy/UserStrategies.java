package app.tradebot.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.rules.CompiledRules;
import app.tradebot.strategy.rules.RuleException;

/**
 * The catalog of the application: the built-ins, and the strategies users write, compiled from the
 * exact source version a reference pins. Compiled versions are cached: a version never changes.
 */
final class UserStrategies implements StrategyCatalog {

    static final String PREFIX = "user:";
    private static final Pattern REFERENCE = Pattern.compile(
            "user:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:@([1-9][0-9]{0,8}))?");
    private static final int CACHE = 1_000;

    private final StrategyCatalog builtIns;
    private final UserStrategyDao dao;
    private final Map<String, Version> compiled = new ConcurrentHashMap<>();

    UserStrategies(StrategyCatalog builtIns, UserStrategyDao dao) {
        this.builtIns = builtIns;
        this.dao = dao;
    }

    /** A compiled source version with its parameter schema. */
    record Version(CompiledRules rules, List<ParameterSpec> parameters) {

        static Version of(String source) {
            CompiledRules rules = CompiledRules.compile(source);
            List<ParameterSpec> parameters = rules.parameters().stream()
                    .map(p -> p.integer()
                            ? ParameterSpec.integer(p.name(), (int) p.min(), (int) p.max(), (int) p.defaultValue(),
                                    "Integer parameter of the strategy's rules.")
                            : ParameterSpec.number(p.name(), p.min(), p.max(), p.defaultValue(),
                                    "Number parameter of the strategy's rules."))
                    .toList();
            return new Version(rules, parameters);
        }

        List<StrategyDescriptor.Parameter> descriptors() {
            return parameters.stream().map(ParameterSpec::descriptor).toList();
        }
    }

    static String reference(UUID id, int version) {
        return PREFIX + id + "@" + version;
    }

    @Override
    public List<StrategyDescriptor> list() {
        return builtIns.list();
    }

    @Override
    public List<StrategyDescriptor> list(UUID userId) {
        List<StrategyDescriptor> all = new ArrayList<>(builtIns.list());
        for (UserStrategyRow row : dao.list(userId)) {
            all.add(StrategyDescriptor.user(row.name(), row.id(), row.version(), "Your strategy, version " + row.version()
                    + ".", version(row).descriptors()));
        }
        return all;
    }

    @Override
    public String pin(UUID userId, String strategy) {
        if (strategy == null || strategy.isBlank() || builtIns.describe(strategy).isPresent()) {
            return strategy;
        }
        Matcher m = REFERENCE.matcher(strategy);
        Optional<UserStrategyRow> row;
        if (m.matches()) {
            UUID id = UUID.fromString(m.group(1));
            row = dao.find(id, userId);
            if (row.isPresent() && m.group(2) != null) {
                row = dao.findVersion(id, Integer.parseInt(m.group(2)));
            }
        }
        else {
            row = strategy.length() > 40 ? Optional.empty() : dao.findByName(strategy, userId);
        }
        return row.map(r -> reference(r.id(), r.version())).orElseThrow(() -> unknown(strategy));
    }

    @Override
    public Optional<StrategyDescriptor> describe(String strategy) {
        if (strategy == null || !strategy.startsWith(PREFIX)) {
            return builtIns.describe(strategy);
        }
        Version version = pinned(strategy);
        Matcher m = REFERENCE.matcher(strategy);
        m.matches(); // pinned() accepted it
        return Optional.of(StrategyDescriptor.user(strategy, UUID.fromString(m.group(1)), Integer.parseInt(m.group(2)),
                "A user strategy.", version.descriptors()));
    }

    @Override
    public Map<String, Object> validate(String strategy, Map<String, Object> params) {
        if (strategy == null || !strategy.startsWith(PREFIX)) {
            return builtIns.validate(strategy, params);
        }
        Version version = pinned(strategy);
        Map<String, Object> submitted = params == null ? Map.of() : params;
        List<FieldError> errors = new ArrayList<>();
        for (String name : submitted.keySet()) {
            if (version.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                errors.add(new FieldError("params." + name, "unknown parameter; the strategy takes "
                        + (version.parameters().isEmpty() ? "none"
                                : version.parameters().stream().map(ParameterSpec::name).collect(Collectors.joining(", ")))));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec parameter : version.parameters()) {
            Object raw = submitted.get(parameter.name());
            try {
                values.put(parameter.name(), raw == null ? parameter.defaultValue() : parameter.parse(raw));
            }
            catch (ParameterSpec.BadValue e) {
                errors.add(new FieldError("params." + parameter.name(), e.getMessage()));
            }
        }
        if (errors.isEmpty()) {
            try {
                version.rules().create(numbers(values));
            }
            catch (IllegalArgumentException e) {
                errors.add(new FieldError("params", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid("The parameters of the strategy are invalid.", errors);
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public Strategy create(String strategy, Map<String, Object> validatedParams) {
        if (strategy == null || !strategy.startsWith(PREFIX)) {
            return builtIns.create(strategy, validatedParams);
        }
        Map<String, Object> values = validate(strategy, validatedParams);
        return pinned(strategy).rules().create(numbers(values));
    }

    private static Map<String, Number> numbers(Map<String, Object> values) {
        Map<String, Number> numbers = new LinkedHashMap<>();
        values.forEach((k, v) -> numbers.put(k, (Number) v));
        return numbers;
    }

    /** The compiled version a pinned reference names; Invalid on {@code strategy} otherwise. */
    private Version pinned(String strategy) {
        Matcher m = REFERENCE.matcher(strategy);
        if (!m.matches() || m.group(2) == null) {
            throw unknown(strategy);
        }
        Version cached = compiled.get(strategy);
        if (cached != null) {
            return cached;
        }
        UserStrategyRow row = dao.findVersion(UUID.fromString(m.group(1)), Integer.parseInt(m.group(2)))
                .orElseThrow(() -> unknown(strategy));
        return version(row);
    }

    private Version version(UserStrategyRow row) {
        String key = reference(row.id(), row.version());
        Version cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        Version version;
        try {
            version = Version.of(row.source());
        }
        catch (RuleException | IllegalArgumentException e) {
            // Saved sources compiled when saved; a later, stricter compiler names the problem.
            throw Invalid.field("strategy", "the strategy's source no longer compiles: " + e.getMessage());
        }
        if (compiled.size() >= CACHE) {
            compiled.clear();
        }
        compiled.put(key, version);
        return version;
    }

    private Invalid unknown(String strategy) {
        String shown = strategy.length() > 60 ? strategy.substring(0, 60) + "…" : strategy;
        return Invalid.field("strategy", "unknown strategy '" + shown + "'; one of "
                + builtIns.list().stream().map(StrategyDescriptor::name).collect(Collectors.joining(", "))
                + ", or one of your own strategies");
    }
}
