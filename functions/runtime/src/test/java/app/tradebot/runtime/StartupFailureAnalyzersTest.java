package app.tradebot.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StartupFailureAnalyzersTest {

    @Test
    void aConfigurationProblemIsReportedByVariableWithTheAction() {
        ConfigurationProblem problem = new ConfigurationProblem("SECRET_KEY", "is not set", "Set it.");
        FailureAnalysis analysis = new ConfigurationProblemAnalyzer().analyze(new IllegalStateException("wrapped", problem));
        assertThat(analysis.getDescription()).isEqualTo("SECRET_KEY: is not set");
        assertThat(analysis.getAction()).isEqualTo("Set it.");
    }

    @Test
    void aRefusedPasswordOrAMissingDatabaseNamesDatabaseUrl() {
        DatabaseAccessAnalyzer analyzer = new DatabaseAccessAnalyzer();
        FailureAnalysis password = analyzer.analyze(new IllegalStateException("Flyway failed",
                new SQLException("FATAL: password authentication failed for user \"tradebot_user\"", "28P01")));
        assertThat(password.getDescription()).startsWith("DATABASE_URL: the database refused the user name or password")
                .contains("tradebot_user");
        assertThat(password.getAction()).contains("POSTGRES_PASSWORD");
        assertThat(analyzer.analyze(new SQLException("FATAL: database \"x\" does not exist", "3D000")).getDescription())
                .startsWith("DATABASE_URL: the database named in the URL does not exist");
    }

    @Test
    void otherDatabaseErrorsAreLeftToSpringBoot() {
        assertThat(new DatabaseAccessAnalyzer().analyze(new SQLException("syntax error", "42601"))).isNull();
        assertThat(new DatabaseAccessAnalyzer().analyze(new IllegalStateException("no SQL here"))).isNull();
    }
}
