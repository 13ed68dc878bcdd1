package app.tradebot.runtime;

/**
 * Start-up refused because of the deployment's configuration: names the variable to fix, says
 * what is wrong with it and what to do. Reported by {@link ConfigurationProblemAnalyzer} as a
 * short message, without a stack trace.
 */
public class ConfigurationProblem extends RuntimeException {

    private final String variable;
    private final String action;

    public ConfigurationProblem(String variable, String problem, String action) {
        this(variable, problem, action, null);
    }

    public ConfigurationProblem(String variable, String problem, String action, Throwable cause) {
        super(variable + ": " + problem, cause);
        this.variable = variable;
        this.action = action;
    }

    public String variable() {
        return variable;
    }

    public String action() {
        return action;
    }
}
