package app.tradebot.exchange.binance;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignerTest {

    /** The HMAC example of Binance's REST API documentation. */
    @Test
    void signsBinancesDocumentedExample() {
        String secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "LTCBTC");
        params.put("side", "BUY");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "1");
        params.put("price", "0.1");
        params.put("recvWindow", "5000");
        params.put("timestamp", "1499827319559");
        String payload = BinanceHttp.encode(params);

        assertThat(payload).isEqualTo("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
        assertThat(Signer.sign(secret, payload)).isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    @Test
    void anotherSecretSignsDifferently() {
        assertThat(Signer.sign("other", "symbol=LTCBTC")).isNotEqualTo(Signer.sign("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j", "symbol=LTCBTC"))
                .hasSize(64).matches("[0-9a-f]{64}");
    }
}
