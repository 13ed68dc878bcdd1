package app.tradebot.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/portfolio/equity}: an account's worth in USDT over {@code [from, to]}, at most 1,000 points. */
record EquityView(UUID accountId, Instant from, Instant to, List<Point> points) {

    record Point(Instant time, BigDecimal equityUsdt) {
    }
}
