package app.tradebot.scheduler;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/** The record of fired ticks, table scheduler.schedule_fires; its primary key picks the replica that fires a tick. */
final class ScheduleFires {

    private final JdbcTemplate jdbc;

    ScheduleFires(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the ticks as fired by {@code instance}, in one statement; returns those this replica
     * recorded (the others another replica recorded first), in the order given. While another
     * replica's transaction holds one of the rows this waits for it, so a tick whose publish failed
     * and was withdrawn or rolled back can still be taken here. Callers pass the ticks sorted by job
     * (as {@link Scheduler} does), so two replicas claiming overlapping sets take the rows' locks in
     * one order and never deadlock. {@code fired_at} is never before the tick: a tick claimed ahead
     * is published at its scheduled time.
     */
    List<Claim> claimAll(List<Claim> claims, Instant firedAt, String instance) {
        if (claims.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "insert into scheduler.schedule_fires (job, scheduled_time, fired_at, instance, execution_id) values ");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
            Instant recorded = firedAt.isBefore(claim.scheduledTime()) ? claim.scheduledTime() : firedAt;
            args.addAll(List.of(claim.job(), utc(claim.scheduledTime()), utc(recorded), instance, claim.executionId()));
        }
        sql.append(" on conflict (job, scheduled_time) do nothing returning job, scheduled_time");
        Set<String> taken = new HashSet<>();
        jdbc.query(sql.toString(), rs -> {
            taken.add(rs.getString(1) + "@" + rs.getObject(2, OffsetDateTime.class).toInstant());
        }, args.toArray());
        return claims.stream().filter(c -> taken.contains(c.job() + "@" + c.scheduledTime())).toList();
    }

    /** Withdraws a claim made in the current transaction (its publish failed), so the tick stays free. */
    void release(String job, Instant scheduledTime) {
        jdbc.update("delete from scheduler.schedule_fires where job = ? and scheduled_time = ?", job, utc(scheduledTime));
    }

    /**
     * Deletes, for each claim, its job's fires scheduled more than {@code retention} before the
     * claim's tick, in one statement. Called once the claims are committed, whose own rows are newer,
     * so a job's latest tick (its cursor after a restart) is never deleted.
     */
    int prune(List<Claim> claims, Duration retention) {
        if (claims.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("delete from scheduler.schedule_fires f using (values ");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?::text, ?::timestamptz)");
            args.add(claims.get(i).job());
            args.add(utc(claims.get(i).scheduledTime().minus(retention)));
        }
        sql.append(") as p(job, cutoff) where f.job = p.job and f.scheduled_time < p.cutoff");
        return jdbc.update(sql.toString(), args.toArray());
    }

    Optional<Instant> lastScheduledTime(String job) {
        OffsetDateTime last = jdbc.queryForObject(
                "select max(scheduled_time) from scheduler.schedule_fires where job = ?", OffsetDateTime.class, job);
        return Optional.ofNullable(last).map(OffsetDateTime::toInstant);
    }

    List<Fire> fires(String job) {
        return jdbc.query("""
                select job, scheduled_time, fired_at, instance, execution_id
                from scheduler.schedule_fires where job = ? order by scheduled_time
                """, ScheduleFires::fire, job);
    }

    private static Fire fire(ResultSet rs, int row) throws SQLException {
        return new Fire(rs.getString("job"), rs.getObject("scheduled_time", OffsetDateTime.class).toInstant(),
                rs.getObject("fired_at", OffsetDateTime.class).toInstant(), rs.getString("instance"),
                rs.getObject("execution_id", UUID.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A tick to claim, with the execution id its message will carry. */
    record Claim(String job, Instant scheduledTime, UUID executionId) {
    }

    record Fire(String job, Instant scheduledTime, Instant firedAt, String instance, UUID executionId) {
    }
}
