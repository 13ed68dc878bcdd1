package app.tradebot.gateway;

import app.tradebot.gateway.local.EmbeddedInfrastructure;
import app.tradebot.gateway.local.MainPort;
import app.tradebot.runtime.Roles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TradeBotLauncherTest {

    @Test
    void playsAllThreeRolesWithTheActuatorOnItsOwnPortAndTrustsNoProxyUnlessToldOtherwise() {
        assertThat(TradeBotLauncher.defaults())
                .containsEntry(Roles.PROPERTY, Roles.ALL)
                .containsEntry("management.server.port", 8081)
                .containsEntry("server.forward-headers-strategy", "none")
                .containsEntry("server.tomcat.threads.max", TradeBotLauncher.REQUEST_THREADS)
                .containsEntry("server.tomcat.threads.min-spare", TradeBotLauncher.REQUEST_THREADS);
    }

    @Test
    void theLauncherAloneStartsTheEmbeddedServersAndClosesTheMainPortWithoutAGateway() {
        assertThat(TradeBotLauncher.application().getListeners())
                .hasAtLeastOneElementOfType(EmbeddedInfrastructure.class)
                .hasAtLeastOneElementOfType(MainPort.class);
    }
}
