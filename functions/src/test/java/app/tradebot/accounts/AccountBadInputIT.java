package app.tradebot.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.tradebot.platform.http.ApiEvents;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 4's bad input on the account routes: always a problem naming the field, never a 500, nothing stored changes. */
class AccountBadInputIT extends FakeExchangesSupport {

    @Test
    void createRefusesMalformedJsonAndNonObjects() {
        for (String malformed : List.of("{\"name\":", "{'name':'x'}", "name=x&kind=paper", "{\"name\":\"a\",\"kind\":\"paper\"} {}",
                "{\"name\":\"a\",\"name\":\"b\",\"kind\":\"paper\"}")) {
            assertThat(assertProblem(createAs(alice, malformed), 400).get("detail").asString()).as(malformed)
                    .isEqualTo("The request body is not valid JSON.");
        }
        assertThat(assertProblem(createAs(alice, null), 400).get("detail").asString()).isEqualTo("A JSON request body is required.");
        for (String notAnObject : List.of("null", "[]", "\"paper\"", "1")) {
            assertThat(assertProblem(createAs(alice, notAnObject), 400).get("detail").asString())
                    .isEqualTo("The request body must be a JSON object.");
        }
        assertNothingStored();
    }

    @Test
    void createListsMissingWrongTypedAndUnknownFields() {
        assertThat(errors(assertProblem(createAs(alice, "{}"), 400)))
                .containsExactly(Map.entry("kind", "must not be null"), Map.entry("name", "must not be blank"));
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":1,\"kind\":true,\"apiKey\":[],\"balances\":\"USDT\"}"), 400)))
                .containsExactly(Map.entry("apiKey", "must be a string"), Map.entry("balances", "must be an object"),
                        Map.entry("kind", "must be a string"), Map.entry("name", "must be a string"));
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"x\",\"kind\":\"paper\",\"userId\":\"" + bob + "\"}"), 400)))
                .containsExactly(Map.entry("userId", "is not a known field"));
        assertNothingStored();
    }

    @Test
    void createRefusesAnUnknownKind() {
        for (String kind : List.of("\"kraken\"", "\"PAPER\"", "\"\"", "\"binance \"")) {
            assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"x\",\"kind\":" + kind + "}"), 400))).as(kind)
                    .containsExactly(Map.entry("kind", "must be one of paper, binance, binance-testnet"));
        }
        assertNothingStored();
    }

    @Test
    void createAppliesTheNameRules() {
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"   \",\"kind\":\"paper\"}"), 400)))
                .containsExactly(Map.entry("name", "must not be blank"));
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"" + "n".repeat(65) + "\",\"kind\":\"paper\"}"), 400)))
                .containsExactly(Map.entry("name", "size must be between 0 and 64"));
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"a\\u0000b\\n\",\"kind\":\"paper\"}"), 400)))
                .containsExactly(Map.entry("name", "must not contain control characters"));
        assertNothingStored();
        assertThat(body(createAs(alice, "{\"name\":\"" + "n".repeat(64) + "\",\"kind\":\"paper\"}")).get("name").asString())
                .hasSize(64);
    }

    @Test
    void keysOnAPaperAccountOrNoneOnABinanceAccountAre400() {
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"x\",\"kind\":\"paper\",\"apiKey\":\"" + API_KEY
                + "\",\"apiSecret\":\"" + API_SECRET + "\"}"), 400)))
                .containsExactly(Map.entry("apiKey", "a paper account takes no API key"),
                        Map.entry("apiSecret", "a paper account takes no API secret"));
        for (String kind : List.of("binance", "binance-testnet")) {
            assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"x\",\"kind\":\"" + kind + "\"}"), 400)))
                    .containsExactly(Map.entry("apiKey", "is required for a " + kind + " account"),
                            Map.entry("apiSecret", "is required for a " + kind + " account"));
        }
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"x\",\"kind\":\"binance\",\"apiKey\":\"" + API_KEY + "\"}"), 400)))
                .containsExactly(Map.entry("apiSecret", "is required for a binance account"));
        assertThat(errors(assertProblem(createAs(alice, "{\"name\":\"x\",\"kind\":\"binance\",\"apiKey\":\"" + API_KEY
                + "\",\"apiSecret\":\"" + API_SECRET + "\",\"balances\":{\"USDT\":\"1\"}}"), 400)))
                .containsExactly(Map.entry("balances", "only a paper account takes starting balances"));
        assertNothingStored();
    }

    @Test
    void keysThatAreNotKeysAre400AndNotEchoed() {
        String spaced = "has spaces and / slashes in it";
        JsonNode problem = assertProblem(createAs(alice, binanceBody("x", API_KEY, spaced)), 400);
        assertThat(errors(problem)).containsExactly(Map.entry("apiSecret", "must contain only letters and digits"));
        assertThat(problem.toString()).doesNotContain(spaced);
        assertThat(errors(assertProblem(createAs(alice, binanceBody("x", "short", API_SECRET)), 400)))
                .containsExactly(Map.entry("apiKey", "size must be between 16 and 128"));
        assertThat(errors(assertProblem(createAs(alice, binanceBody("x", API_KEY, "a".repeat(129))), 400)))
                .containsExactly(Map.entry("apiSecret", "size must be between 16 and 128"));
        assertNothingStored();
    }

    @Test
    void badStartingBalancesAre400ByAsset() {
        assertThat(balanceErrors("{\"USDT\":\"-5\"}")).containsExactly(Map.entry("balances.USDT", "must be positive"));
        assertThat(balanceErrors("{\"USDT\":0}")).containsExactly(Map.entry("balances.USDT", "must be positive"));
        assertThat(balanceErrors("{\"USDT\":\"lots\"}")).containsExactly(Map.entry("balances.USDT", "must be a number"));
        assertThat(balanceErrors("{\"USDT\":true}")).extracting(Map.Entry::getKey).containsExactly("balances.USDT");
        assertThat(balanceErrors("{\"USDT\":null}")).containsExactly(Map.entry("balances.USDT", "must be a number"));
        assertThat(balanceErrors("{\"USDT\":\"0.000000001\"}")).containsExactly(Map.entry("balances.USDT", "must have at most 8 decimals"));
        assertThat(balanceErrors("{\"USDT\":\"10000000000000\"}")).containsExactly(Map.entry("balances.USDT", "must be at most 1000000000000"));
        assertThat(balanceErrors("{\"USDT\":1e13}")).containsExactly(Map.entry("balances.USDT", "must be at most 1000000000000"));
        // a decimal string is plain notation, as the OpenAPI document's pattern says
        assertThat(balanceErrors("{\"USDT\":\"1e13\"}")).containsExactly(Map.entry("balances.USDT", "must be a number"));
        assertThat(balanceErrors("{\"usdt\":\"1\"}"))
                .containsExactly(Map.entry("balances.usdt", "is not an asset code (2 to 20 upper-case letters and digits, such as USDT)"));
        assertThat(balanceErrors("{\"US-DT\":\"1\"}")).extracting(Map.Entry::getKey).containsExactly("balances.US-DT");
        assertThat(balanceErrors("{\"DOGE\":\"1\"}")).containsExactly(Map.entry("balances.DOGE", "is not an asset the exchange lists"));
        assertThat(balanceErrors("{}")).containsExactly(Map.entry("balances", "must hold at least one asset"));
        assertThat(balanceErrors("[]")).containsExactly(Map.entry("balances", "must be an object"));
        assertThat(balanceErrors("{\"USDT\":\"-1\",\"BTC\":\"0.000000001\",\"xx\":\"1\"}")).containsExactly(
                Map.entry("balances.BTC", "must have at most 8 decimals"), Map.entry("balances.USDT", "must be positive"),
                Map.entry("balances.xx", "is not an asset code (2 to 20 upper-case letters and digits, such as USDT)"));
        assertNothingStored();
        assertThat(exchanges.paperLedgers).isEmpty();
    }

    @Test
    void aDuplicateNameIs409PerUser() {
        UUID first = paper(alice, "Main");

        JsonNode problem = assertProblem(createAs(alice, binanceBody("Main", API_KEY, API_SECRET)), 409);
        assertThat(problem.get("detail").asString()).isEqualTo("You already have an exchange account named 'Main'.");
        assertProblem(createAs(alice, "{\"name\":\" Main \",\"kind\":\"paper\"}"), 409);
        assertThat(jdbc.queryForList("select id from exchange_accounts", UUID.class)).containsExactly(first);
        assertThat(exchanges.paperLedgers).containsOnlyKeys(first);
        // Another user may use the name.
        paper(bob, "Main");
    }

    @Test
    void racingCreatesOfOneNameMakeOneAccount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return createAs(alice, binanceBody("Raced", API_KEY, API_SECRET)).getStatusCode();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(30, TimeUnit.SECONDS));
            }

            assertThat(answered).containsOnly(201, 409).containsOnlyOnce(201);
            assertThat(accounts()).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherUsersAccountIsNotFoundOnEveryRoute() {
        UUID id = binance(alice, "Main");
        String before = everyStoredValue();

        for (APIGatewayV2HTTPResponse response : List.of(getAs(bob, id), patchAs(bob, id, "{\"name\":\"Mine now\"}"),
                patchAs(bob, id, "{\"apiKey\":\"" + "k".repeat(64) + "\",\"apiSecret\":\"" + "s".repeat(64) + "\"}"),
                deleteAs(bob, id), testAs(bob, id))) {
            JsonNode problem = assertProblem(response, 404);
            assertThat(problem.get("detail").asString()).isEqualTo("No exchange account " + id + ".");
        }
        assertThat(everyStoredValue()).isEqualTo(before);
        assertThat(exchanges.credentialsSeen).isEmpty();
        assertThat(getAs(alice, id).getStatusCode()).isEqualTo(200);
    }

    @Test
    void idsThatAreNotUuidsOrDoNotExistAreNotFound() {
        for (Object id : List.of("not-a-uuid", "1", UUID.randomUUID().toString().toUpperCase(), UUID.randomUUID())) {
            assertProblem(getAs(alice, id), 404);
            assertProblem(patchAs(alice, id, "{\"name\":\"x\"}"), 404);
            assertProblem(deleteAs(alice, id), 404);
            assertProblem(testAs(alice, id), 404);
        }
    }

    @Test
    void patchRefusesBadBodies() {
        UUID id = binance(alice, "Main");
        UUID paper = paper(alice, "Paper");
        String before = everyStoredValue();

        assertThat(assertProblem(patchAs(alice, id, "{\"name\":"), 400).get("detail").asString()).isEqualTo("The request body is not valid JSON.");
        assertThat(assertProblem(patchAs(alice, id, null), 400).get("detail").asString()).isEqualTo("A JSON request body is required.");
        assertThat(assertProblem(patchAs(alice, id, "{}"), 400).get("detail").asString())
                .isEqualTo("Nothing to change: give a new name, a new apiKey with its apiSecret, or a dailyLossLimitQuote.");
        for (String limit : List.of("\"-1\"", "\"abc\"", "true", "\"10000000000001\"", "[1]")) {
            assertThat(errors(assertProblem(patchAs(alice, paper, "{\"dailyLossLimitQuote\":" + limit + "}"), 400)))
                    .as(limit).extracting(Map.Entry::getKey).containsExactly("dailyLossLimitQuote");
        }
        assertThat(errors(assertProblem(patchAs(alice, id, "{\"kind\":\"paper\"}"), 400)))
                .containsExactly(Map.entry("kind", "is not a known field"));
        assertThat(errors(assertProblem(patchAs(alice, id, "{\"name\":42}"), 400))).containsExactly(Map.entry("name", "must be a string"));
        assertThat(errors(assertProblem(patchAs(alice, id, "{\"name\":\"  \"}"), 400))).containsExactly(Map.entry("name", "must not be blank"));
        assertThat(errors(assertProblem(patchAs(alice, id, "{\"name\":\"" + "n".repeat(65) + "\"}"), 400)))
                .containsExactly(Map.entry("name", "size must be between 0 and 64"));
        assertThat(errors(assertProblem(patchAs(alice, id, "{\"apiKey\":\"" + API_KEY + "\"}"), 400)))
                .containsExactly(Map.entry("apiSecret", "is required with a new apiKey"));
        assertThat(errors(assertProblem(patchAs(alice, id, "{\"apiSecret\":\"" + API_SECRET + "\"}"), 400)))
                .containsExactly(Map.entry("apiKey", "is required with a new apiSecret"));
        assertThat(errors(assertProblem(patchAs(alice, paper, "{\"apiKey\":\"" + API_KEY + "\",\"apiSecret\":\"" + API_SECRET + "\"}"), 400)))
                .containsExactly(Map.entry("apiKey", "a paper account takes no API key"),
                        Map.entry("apiSecret", "a paper account takes no API secret"));
        JsonNode clash = assertProblem(patchAs(alice, id, "{\"name\":\"Paper\"}"), 409);
        assertThat(clash.get("detail").asString()).isEqualTo("You already have an exchange account named 'Paper'.");
        assertThat(everyStoredValue()).isEqualTo(before);
    }

    @Test
    void routesWithoutABodyRefuseOne() {
        UUID id = paper(alice, "Paper");

        assertThat(errors(assertProblem(get.apply(ApiEvents.request("GET", "/api/accounts/" + id, "{\"x\":1}")
                .pathParameter("id", id.toString()).authorizedAs(alice).event()), 400))).containsExactly(Map.entry("x", "is not a known field"));
        assertProblem(list.apply(ApiEvents.request("GET", "/api/accounts", "[1]").authorizedAs(alice).event()), 400);
        assertProblem(delete.apply(ApiEvents.request("DELETE", "/api/accounts/" + id, "{\"force\":true}")
                .pathParameter("id", id.toString()).authorizedAs(alice).event()), 400);
        assertProblem(test.apply(ApiEvents.post("/api/accounts/" + id + "/test", "{\"apiKey\":\"x\"}")
                .pathParameter("id", id.toString()).authorizedAs(alice).event()), 400);
        assertThat(accounts()).isEqualTo(1);
    }

    @Test
    void withoutAnAuthorizedUserEveryRouteIs401() {
        UUID id = paper(alice, "Paper");

        assertProblem(create.apply(ApiEvents.post("/api/accounts", "{\"name\":\"x\",\"kind\":\"paper\"}").event()), 401);
        assertProblem(list.apply(ApiEvents.get("/api/accounts").event()), 401);
        assertProblem(get.apply(ApiEvents.get("/api/accounts/" + id).pathParameter("id", id.toString()).event()), 401);
        assertProblem(delete.apply(ApiEvents.request("DELETE", "/api/accounts/" + id, null).pathParameter("id", id.toString()).event()), 401);
        assertThat(accounts()).isEqualTo(1);
    }

    private List<Map.Entry<String, String>> balanceErrors(String balances) {
        return errors(assertProblem(createAs(alice, "{\"name\":\"x\",\"kind\":\"paper\",\"balances\":" + balances + "}"), 400));
    }

    private void assertNothingStored() {
        assertThat(accounts()).isZero();
        assertThat(exchanges.paperLedgers).isEmpty();
    }
}
