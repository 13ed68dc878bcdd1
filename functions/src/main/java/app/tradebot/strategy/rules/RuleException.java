package app.tradebot.strategy.rules;

import java.util.List;

/** The source does not compile; {@link #errors()} say where and why. */
public final class RuleException extends RuntimeException {

    private final transient List<RuleError> errors;

    RuleException(List<RuleError> errors) {
        super(errors.get(0).toString(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    RuleException(int line, int column, String message) {
        this(List.of(new RuleError(line, column, message)));
    }

    public List<RuleError> errors() {
        return errors;
    }
}
