package app.tradebot.platform.persistence;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * One Jdbi for every feature's SqlObject DAOs; it joins Spring-managed transactions. A failed
 * statement's message names the statement but never its bound values (emails, password hashes,
 * secrets), since such messages end up in logs.
 */
@Configuration(proxyBeanMethods = false)
class JdbiConfiguration {

    /** Of a statement's SQL, this much goes into an error message. */
    static final int STATEMENT_LIMIT = 200;

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(dataSource))
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(JdbiConfiguration::withoutArguments);
        return jdbi;
    }

    static String withoutArguments(StatementException e) {
        StatementContext context = e.getStatementContext();
        String sql = context == null ? null : context.getRenderedSql();
        if (sql == null) {
            return e.getShortMessage();
        }
        String shown = sql.length() > STATEMENT_LIMIT ? sql.substring(0, STATEMENT_LIMIT) + "…" : sql;
        return e.getShortMessage() + " [statement:\"" + shown.strip().replaceAll("\\s+", " ") + "\"]";
    }
}
