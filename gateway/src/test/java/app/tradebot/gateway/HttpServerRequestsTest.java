package app.tradebot.gateway;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpServerRequestsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpServerRequests requests = new HttpServerRequests(registry, HttpServerRequests.DEFAULT_NAME);

    @Test
    void aRequestIsTimedWithTheTagsSpringsObservationGivesARequestSpringMvcDidNotRoute() {
        requests.record("GET", 200, null, TimeUnit.MILLISECONDS.toNanos(3));
        requests.record("GET", 200, null, TimeUnit.MILLISECONDS.toNanos(5));
        requests.record("GET", 404, null, 1);
        requests.record("POST", 302, null, 1);
        requests.record("DELETE", 503, null, 1);

        Timer ok = timer("GET", "200", "SUCCESS", "UNKNOWN", "none");
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8.0);
        assertThat(timer("GET", "404", "CLIENT_ERROR", "NOT_FOUND", "none").count()).isEqualTo(1);
        assertThat(timer("POST", "302", "REDIRECTION", "REDIRECTION", "none").count()).isEqualTo(1);
        assertThat(timer("DELETE", "503", "SERVER_ERROR", "UNKNOWN", "none").count()).isEqualTo(1);
    }

    @Test
    void anExceptionNamesItselfInExceptionAndError() {
        requests.record("GET", 500, new IOException("reset"), 1);

        assertThat(timer("GET", "500", "SERVER_ERROR", "UNKNOWN", "IOException").count()).isEqualTo(1);
    }

    @Test
    void aMethodOutsideHttpsOwnIsTaggedUnknownSoAClientCannotAddSeries() {
        requests.record("BREW", 405, null, 1);
        requests.record("PROPFIND", 405, null, 1);

        assertThat(timer("UNKNOWN", "405", "CLIENT_ERROR", "UNKNOWN", "none").count()).isEqualTo(2);
    }

    @Test
    void aRequestIsActiveUntilItsSampleStops() {
        LongTaskTimer.Sample first = requests.start("GET");
        requests.start("GET");
        LongTaskTimer active = registry.get(HttpServerRequests.DEFAULT_NAME + ".active").tags("method", "GET",
                "status", "200", "outcome", "SUCCESS", "uri", "UNKNOWN", "exception", "none").longTaskTimer();
        assertThat(active.activeTasks()).isEqualTo(2);

        first.stop();

        assertThat(active.activeTasks()).isEqualTo(1);
    }

    private Timer timer(String method, String status, String outcome, String uri, String exception) {
        return registry.get(HttpServerRequests.DEFAULT_NAME).tags("method", method, "status", status, "outcome", outcome,
                "uri", uri, "exception", exception, "error", exception).timer();
    }
}
