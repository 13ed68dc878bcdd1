package app.tradebot.market;

import java.util.List;

record Watches(List<WatchView> watches) {
}
