package app.tradebot.gateway.local;

import app.tradebot.runtime.Roles;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MainPortTest {

    @Test
    void withoutTheGatewayRoleNothingListensOnTheMainPort() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(Roles.PROPERTY, "worker,scheduler")
                .withProperty("server.port", "8080");

        new MainPort().onApplicationEvent(prepared(environment));

        assertThat(environment.getProperty("server.port")).isEqualTo("-1");
    }

    @Test
    void theGatewayKeepsItsPort() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(Roles.PROPERTY, Roles.ALL)
                .withProperty("server.port", "8080");

        new MainPort().onApplicationEvent(prepared(environment));

        assertThat(environment.getProperty("server.port")).isEqualTo("8080");
        assertThat(environment.getPropertySources().contains(MainPort.PROPERTY_SOURCE)).isFalse();
    }

    @Test
    void aGatewayAloneKeepsItsPort() {
        MockEnvironment environment = new MockEnvironment().withProperty(Roles.PROPERTY, " Gateway ");

        new MainPort().onApplicationEvent(prepared(environment));

        assertThat(environment.getPropertySources().contains(MainPort.PROPERTY_SOURCE)).isFalse();
    }

    private static ApplicationEnvironmentPreparedEvent prepared(MockEnvironment environment) {
        return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
                new String[0], environment);
    }
}
