package app.tradebot.accounts;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The accounts functions over {@link FakeExchanges}: every exchange answer is the test's to choose. */
@Import(FakeExchanges.class)
abstract class FakeExchangesSupport extends AccountsFunctionsSupport {

    @Autowired
    FakeExchanges exchanges;

    @BeforeEach
    void resetTheExchange() {
        exchanges.reset();
    }
}
