package app.tradebot.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportedAssetsTest {

    @Test
    void aSymbolsAssetsAreReadFromItsName() {
        assertThat(ImportedAssets.of("BTCUSDT")).isEqualTo(new ImportedAssets("BTC", "USDT"));
        assertThat(ImportedAssets.of("ETHBTC")).isEqualTo(new ImportedAssets("ETH", "BTC"));
        assertThat(ImportedAssets.of("BTCFDUSD")).isEqualTo(new ImportedAssets("BTC", "FDUSD"));
        assertThat(ImportedAssets.of("BTCUSD")).isEqualTo(new ImportedAssets("BTC", "USD"));
    }

    @Test
    void aNameWithoutAKnownQuoteGivesNoAssets() {
        assertThat(ImportedAssets.of("XYZABC")).isEqualTo(new ImportedAssets(null, null));
        assertThat(ImportedAssets.of("USDT")).isEqualTo(new ImportedAssets(null, null));
    }
}
