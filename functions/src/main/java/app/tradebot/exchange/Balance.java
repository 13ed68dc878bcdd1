package app.tradebot.exchange;

import java.math.BigDecimal;

public record Balance(String asset, BigDecimal free, BigDecimal locked) {
}
