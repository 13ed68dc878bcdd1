package app.tradebot.strategy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid expressions of the language, as source text, reusing sub-expressions now and then. */
final class RandomRules {

    private static final String[] FIELDS = { "open", "high", "low", "close", "volume" };
    private static final String[] SERIES_AVERAGES = { "sma", "ema", "wma", "rsi" };

    private final Random random;
    private final List<String> numbers = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    RandomRules(long seed) {
        this.random = new Random(seed);
    }

    String condition(int depth) {
        if (!conditions.isEmpty() && random.nextInt(5) == 0) {
            return pick(conditions);
        }
        String c;
        int kind = depth <= 0 ? random.nextInt(2) : random.nextInt(7);
        c = switch (kind) {
            case 0 -> number(depth - 1) + " " + pick("<", "<=", ">", ">=", "==", "!=") + " " + number(depth - 1);
            case 1 -> number(depth - 1) + " crosses " + pick("above", "below") + " " + number(depth - 1);
            case 2 -> "(" + condition(depth - 1) + " and " + condition(depth - 1) + ")";
            case 3 -> "(" + condition(depth - 1) + " or " + condition(depth - 1) + ")";
            case 4 -> "not (" + condition(depth - 1) + ")";
            case 5 -> "(" + condition(depth - 1) + ")[" + random.nextInt(4) + "]";
            default -> number(depth - 1) + " > " + number(depth - 1) + "[" + (1 + random.nextInt(30)) + "]";
        };
        conditions.add(c);
        return c;
    }

    String number(int depth) {
        if (!numbers.isEmpty() && random.nextInt(4) == 0) {
            return pick(numbers);
        }
        int kind = depth <= 0 ? random.nextInt(4) : random.nextInt(14);
        String e = switch (kind) {
            case 0, 1 -> pick(FIELDS);
            case 2 -> random.nextInt(3) == 0 ? "0" : Integer.toString(random.nextInt(100)) + "." + random.nextInt(10);
            case 3 -> pick(SERIES_AVERAGES) + "(" + pick(FIELDS) + ", " + period() + ")";
            case 4 -> pick(SERIES_AVERAGES) + "(" + number(depth - 1) + ", " + period() + ")";
            case 5 -> {
                int fast = 1 + random.nextInt(15);
                yield "macd(" + number(depth - 1) + ", " + fast + ", " + (fast + random.nextInt(20)) + ", "
                        + (1 + random.nextInt(10)) + ")." + pick("line", "signal", "histogram");
            }
            case 6 -> "bb(" + number(depth - 1) + ", " + period() + ", " + (1 + random.nextInt(3)) + ".5)."
                    + pick("upper", "middle", "lower");
            case 7 -> pick("atr", "vwap") + "(" + period() + ")";
            case 8 -> "stoch(" + period() + ", " + (1 + random.nextInt(5)) + ")." + pick("k", "d");
            case 9 -> "donchian(" + period() + ")." + pick("upper", "middle", "lower");
            case 10 -> "(" + number(depth - 1) + ")[" + random.nextInt(40) + "]";
            case 11 -> "-(" + number(depth - 1) + ")";
            default -> "(" + number(depth - 1) + " " + pick("+", "-", "*", "/") + " " + number(depth - 1) + ")";
        };
        numbers.add(e);
        return e;
    }

    private String period() {
        return Integer.toString(1 + random.nextInt(random.nextBoolean() ? 10 : 60));
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
