package app.tradebot.runtime;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A database that refuses us at start-up (wrong password, unknown user or database) is a
 * configuration mistake: say so in one line naming DATABASE_URL instead of a page of stack trace.
 */
class DatabaseAccessAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        String problem = switch (state) {
            case "28P01", "28000" -> "the database refused the user name or password";
            case "3D000" -> "the database named in the URL does not exist";
            case "08001", "08004", "08006" -> "the database server could not be reached or refused the connection";
            default -> null;
        };
        if (problem == null) {
            return null;
        }
        // The driver's message names user and database but never the password.
        return new FailureAnalysis("DATABASE_URL: " + problem + " (" + cause.getMessage() + ")",
                "Check DATABASE_URL (postgresql://user:password@host:5432/database) against the database server,"
                        + " e.g. POSTGRES_PASSWORD in .env must be the one the database was created with.",
                null);
    }
}
