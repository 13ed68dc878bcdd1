package app.tradebot.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import app.tradebot.platform.http.DecimalStrings;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.Invalid;
import app.tradebot.strategy.StrategyDescriptor;

/**
 * The parameter sets an optimisation runs: each range expanded to its values (integers for an
 * integer parameter), then every combination (grid) or distinct combinations drawn with a seed
 * (random), each merged over the fixed parameters. Deterministic: the same request gives the same
 * sets in the same order, so the worker can rebuild what submit checked.
 */
final class ParameterSets {

    /** One range expands to at most this many values. */
    static final int MAX_VALUES = 100_000;

    private ParameterSets() {
    }

    static List<Map<String, Object>> of(OptimizationRequest request, StrategyDescriptor descriptor) {
        Map<String, List<Object>> values = values(request.ranges(), descriptor);
        List<String> names = List.copyOf(values.keySet());
        double combinations = 1;
        for (List<Object> list : values.values()) {
            combinations *= list.size();
        }
        List<int[]> picks = new ArrayList<>();
        if (combinations <= request.maxRuns()) {
            grid(names, values, 0, new int[names.size()], picks);
        }
        else if (request.search() == OptimizationRequest.Search.grid) {
            throw Invalid.field("maxRuns", String.format("is %d but the grid has %.0f combinations: raise maxRuns "
                    + "(at most %d) or use random search", request.maxRuns(), combinations, OptimizationRequest.MAX_RUNS));
        }
        else {
            Random random = new Random(request.seed() == null ? 0 : request.seed());
            Set<List<Integer>> seen = new HashSet<>();
            long attempts = (long) request.maxRuns() * 20;
            while (picks.size() < request.maxRuns() && attempts-- > 0) {
                int[] pick = new int[names.size()];
                List<Integer> key = new ArrayList<>(names.size());
                for (int p = 0; p < pick.length; p++) {
                    pick[p] = random.nextInt(values.get(names.get(p)).size());
                    key.add(pick[p]);
                }
                if (seen.add(key)) {
                    picks.add(pick);
                }
            }
        }
        List<Map<String, Object>> sets = new ArrayList<>(picks.size());
        Map<String, Object> fixed = request.params() == null ? Map.of() : request.params();
        for (int[] pick : picks) {
            Map<String, Object> set = new LinkedHashMap<>(fixed);
            for (int p = 0; p < pick.length; p++) {
                set.put(names.get(p), values.get(names.get(p)).get(pick[p]));
            }
            sets.add(set);
        }
        return sets;
    }

    private static void grid(List<String> names, Map<String, List<Object>> values, int depth, int[] pick, List<int[]> out) {
        if (depth == names.size()) {
            out.add(pick.clone());
            return;
        }
        int size = values.get(names.get(depth)).size();
        for (int k = 0; k < size; k++) {
            pick[depth] = k;
            grid(names, values, depth + 1, pick, out);
        }
    }

    static Map<String, List<Object>> values(Map<String, OptimizationRequest.Range> ranges, StrategyDescriptor descriptor) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<Object>> values = new LinkedHashMap<>();
        ranges.keySet().stream().sorted().forEach(name -> {
            OptimizationRequest.Range range = ranges.get(name);
            String field = "ranges." + name;
            StrategyDescriptor.Parameter parameter = descriptor.parameters().stream()
                    .filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (parameter == null) {
                errors.add(new FieldError(field, "is not a parameter of " + descriptor.name()));
                return;
            }
            if (range.values() != null) {
                if (range.min() != null || range.max() != null || range.step() != null) {
                    errors.add(new FieldError(field, "takes either values or min, max and step, not both"));
                    return;
                }
                values.put(name, List.copyOf(range.values()));
                return;
            }
            if (range.min() == null || range.max() == null || range.step() == null) {
                errors.add(new FieldError(field, "needs min, max and step (or values)"));
                return;
            }
            boolean integer = "integer".equals(parameter.type());
            if (!integer && !"number".equals(parameter.type())) {
                errors.add(new FieldError(field, "is a " + parameter.type() + " parameter: list its values"));
                return;
            }
            // The parameter's own bounds first: nothing is computed from a range that could not be run.
            List<FieldError> outside = outsideBounds(field, range, parameter);
            if (!outside.isEmpty()) {
                errors.addAll(outside);
                return;
            }
            if (range.min().compareTo(range.max()) > 0) {
                errors.add(new FieldError(field + ".max", "must not be below min"));
                return;
            }
            if (range.step().signum() <= 0) {
                errors.add(new FieldError(field + ".step", "must be greater than 0"));
                return;
            }
            if (integer && (!isWhole(range.min()) || !isWhole(range.step()) || !fitsInt(range.min())
                    || !fitsInt(range.max()))) {
                errors.add(new FieldError(field, "must have whole min and step within 32 bits for an integer parameter"));
                return;
            }
            BigDecimal count = range.max().subtract(range.min()).divide(range.step(), 0, RoundingMode.FLOOR).add(BigDecimal.ONE);
            if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
                errors.add(new FieldError(field, "expands to " + count + " values; at most " + MAX_VALUES));
                return;
            }
            List<Object> list = new ArrayList<>();
            for (int k = 0; k < count.intValue(); k++) {
                BigDecimal value = range.min().add(range.step().multiply(BigDecimal.valueOf(k)));
                list.add(integer ? (Object) value.intValueExact() : (Object) value.doubleValue());
            }
            values.put(name, list);
        });
        if (!errors.isEmpty()) {
            throw new Invalid("The request has invalid fields.", errors);
        }
        return values;
    }

    /**
     * min, max and step as decimals the API could have read, and min and max within the parameter's
     * bounds. Comparisons only: precision and scale, then compareTo.
     */
    private static List<FieldError> outsideBounds(String field, OptimizationRequest.Range range,
            StrategyDescriptor.Parameter parameter) {
        List<FieldError> errors = new ArrayList<>();
        BigDecimal lowest = parameter.min() == null ? null : BigDecimal.valueOf(parameter.min());
        BigDecimal highest = parameter.max() == null ? null : BigDecimal.valueOf(parameter.max());
        Map<String, BigDecimal> ends = new LinkedHashMap<>();
        ends.put("min", range.min());
        ends.put("max", range.max());
        ends.put("step", range.step());
        ends.forEach((end, value) -> {
            if (!DecimalStrings.withinLimits(value)) {
                errors.add(new FieldError(field + "." + end, DecimalStrings.LIMITS));
            }
            else if (end.equals("step")) {
                return;
            }
            else if (lowest != null && value.compareTo(lowest) < 0) {
                errors.add(new FieldError(field + "." + end, "must be at least " + show(lowest)));
            }
            else if (highest != null && value.compareTo(highest) > 0) {
                errors.add(new FieldError(field + "." + end, "must be at most " + show(highest)));
            }
        });
        return errors;
    }

    private static String show(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static boolean fitsInt(BigDecimal value) {
        return value.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }
}
