package app.tradebot.gateway.local;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void aFreePreferredPortIsTaken() throws Exception {
        int free = Ports.preferredOrFree(0);

        assertThat(Ports.preferredOrFree(free)).isEqualTo(free);
    }

    @Test
    void aBusyPreferredPortGivesAnotherFreeOne() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = Ports.preferredOrFree(busy.getLocalPort());

            assertThat(port).isNotEqualTo(busy.getLocalPort()).isPositive();
            assertThat(Ports.isFree(port)).isTrue();
            assertThat(Ports.isFree(busy.getLocalPort())).isFalse();
        }
    }

    @Test
    void zeroMeansAnyFreePort() {
        int port = Ports.preferredOrFree(0);

        assertThat(port).isPositive();
        assertThat(Ports.isFree(port)).isTrue();
    }
}
