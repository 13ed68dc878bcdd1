package app.tradebot.market;

import java.util.List;

record Symbols(List<SymbolView> symbols) {
}
