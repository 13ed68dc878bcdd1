package app.tradebot.market;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.tradebot.TestServices;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V24_1 on a database as it was before: the migrations up to it run in a schema of their own, the shared
 * tables get the rows imports used to leave there, and then V24_1 runs. Every imported candle is kept;
 * each user who had used an imported symbol now owns its candles; the exchange's stay the exchange's.
 */
class ImportedCandlesMigrationIT {

    static final String SCHEMA = "v24_migration_check";

    final SingleConnectionDataSource source = single();
    final JdbcTemplate jdbc = new JdbcTemplate(source);

    static SingleConnectionDataSource single() {
        var shared = TestServices.dataSource();
        SingleConnectionDataSource single = new SingleConnectionDataSource(shared.getUrl(), shared.getUsername(),
                shared.getPassword(), true);
        return single;
    }

    Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(source).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration");
        return (target == null ? configuration : configuration.target(target)).load();
    }

    /** The newest migration before V24_1, whichever other areas' migrations are merged. */
    String before24() {
        return Arrays.stream(flyway(null).info().all())
                .map(MigrationInfo::getVersion)
                .filter(version -> version.compareTo(MigrationVersion.fromVersion("24.1")) < 0)
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .getVersion();
    }

    @AfterEach
    void dropSchema() {
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
        source.destroy();
    }

    @Test
    void importedCandlesBecomeTheirUsersOwnAndNoneIsLost() {
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
        flyway(before24()).migrate();
        jdbc.execute("set search_path to " + SCHEMA);
        UUID backtester = user("backtester@example.com");
        UUID botOwner = user("bot@example.com");
        UUID optimiser = user("optimiser@example.com");
        UUID bystander = user("bystander@example.com");
        jdbc.update("insert into symbols (symbol, base_asset, quote_asset, status, source) values "
                + "('XYZUSD', 'XYZ', 'USD', 'IMPORTED', 'import'), ('ABCUSDT', 'ABC', 'USDT', 'IMPORTED', 'import'), "
                + "('ORPHANBTC', 'ORPHAN', 'BTC', 'IMPORTED', 'import'), ('BTCUSDT', 'BTC', 'USDT', 'TRADING', 'exchange')");
        for (String symbol : List.of("XYZUSD", "ABCUSDT", "ORPHANBTC", "BTCUSDT")) {
            jdbc.update("""
                    insert into candles (symbol, interval, open_time, open, high, low, close, volume) values
                    (?, '4h', '2024-01-01T00:00:00Z', 1.5, 2, 1, 1.25, 10), (?, '4h', '2024-01-01T04:00:00Z', 2, 3, 1.75, 2.5, 0)
                    """, symbol, symbol);
        }
        jdbc.update("insert into candle_watches (id, user_id, symbol, interval) values (?, ?, 'BTCUSDT', '4h')",
                UUID.randomUUID(), bystander);
        jdbc.update("insert into backtests (id, user_id, request) values (?, ?, '{\"symbol\": \"xyzusd\"}'::jsonb)",
                UUID.randomUUID(), backtester);
        UUID account = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Paper', 'paper')", account, botOwner);
        jdbc.update("""
                insert into bots (id, user_id, account_id, name, symbol, interval, strategy, params, sizing_type, sizing_value)
                values (?, ?, ?, 'Bot', 'XYZUSD', '4h', 'sma-cross', '{}'::jsonb, 'fixed', 100)
                """, UUID.randomUUID(), botOwner, account);
        jdbc.update("insert into optimizations (id, user_id, request) values (?, ?, '{\"symbol\": \"ABCUSDT\"}'::jsonb)",
                UUID.randomUUID(), optimiser);
        List<Map<String, Object>> before = jdbc.queryForList("select * from candles where symbol <> 'BTCUSDT' order by symbol, open_time");

        flyway(null).migrate();

        assertThat(owned(backtester)).containsExactly("XYZUSD 2024-01-01 00:00:00+00 1.25", "XYZUSD 2024-01-01 04:00:00+00 2.5");
        assertThat(owned(botOwner)).containsExactly("XYZUSD 2024-01-01 00:00:00+00 1.25", "XYZUSD 2024-01-01 04:00:00+00 2.5");
        assertThat(owned(optimiser)).containsExactly("ABCUSDT 2024-01-01 00:00:00+00 1.25", "ABCUSDT 2024-01-01 04:00:00+00 2.5");
        assertThat(owned(bystander)).isEmpty();
        assertThat(jdbc.queryForList("select user_id::text || ' ' || symbol || ' ' || base_asset || ' ' || quote_asset"
                + " from imported_symbols order by symbol, user_id", String.class)).containsExactlyInAnyOrder(
                        optimiser + " ABCUSDT ABC USDT", backtester + " XYZUSD XYZ USD", botOwner + " XYZUSD XYZ USD");
        // nothing imported is lost: every row, the unused symbol's too, is kept as it was
        assertThat(jdbc.queryForList("select * from candles_imported_before_v24 order by symbol, open_time")).isEqualTo(before);
        assertThat(before).hasSize(6);
        // the shared tables hold the exchange's only
        assertThat(jdbc.queryForList("select distinct symbol from candles", String.class)).containsExactly("BTCUSDT");
        assertThat(jdbc.queryForObject("select count(*) from candles", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForList("select symbol || ' ' || source from symbols", String.class)).containsExactly("BTCUSDT exchange");
        assertThat(jdbc.queryForObject("select count(*) from candle_watches", Long.class)).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.update("insert into symbols (symbol, status, source) values ('NEWUSD', 'IMPORTED', 'import')"))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("symbols_listed_only");
    }

    UUID user(String email) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'x')", id, email);
        return id;
    }

    List<String> owned(UUID user) {
        return jdbc.queryForList("""
                select symbol || ' ' || to_char(open_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00 ' || close
                from imported_candles where user_id = ? order by symbol, open_time""", String.class, user);
    }
}
