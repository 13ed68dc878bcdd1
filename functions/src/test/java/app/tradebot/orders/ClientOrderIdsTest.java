package app.tradebot.orders;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientOrderIdsTest {

    @Test
    void anIdIsTheSameForTheSameSignalAndFitsBinancesRule() {
        UUID bot = UUID.fromString("6f1c2a8e-0d4b-4c1e-9a57-3b2f8e6d1c90");
        Instant candle = Instant.parse("2026-03-01T12:00:00Z");

        String id = ClientOrderIds.of(bot, candle, 0, 0);

        assertThat(id).isEqualTo(ClientOrderIds.of(bot, candle, 0, 0)).hasSize(34).startsWith("tb")
                .matches("^[.A-Z:/a-z0-9_-]{1,36}$");
    }

    @Test
    void everyPartOfTheSignalChangesTheId() {
        Set<String> ids = new HashSet<>();
        for (int b = 0; b < 20; b++) {
            UUID bot = new UUID(0x6f1c2a8e0d4b4c1eL, b);
            for (int c = 0; c < 50; c++) {
                for (int i = 0; i < 5; i++) {
                    for (int attempt = 0; attempt < 2; attempt++) {
                        ids.add(ClientOrderIds.of(bot, Instant.parse("2026-03-01T00:00:00Z").plusSeconds(60L * c), i, attempt));
                    }
                }
            }
        }
        assertThat(ids).hasSize(20 * 50 * 5 * 2);
    }
}
