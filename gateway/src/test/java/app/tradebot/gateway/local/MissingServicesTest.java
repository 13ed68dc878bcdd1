package app.tradebot.gateway.local;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MissingServicesTest {

    @Test
    void nothingConfiguredMeansAllThreeAreEmbedded() {
        assertThat(MissingServices.in(new MockEnvironment())).isEqualTo(new MissingServices(true, true, true));
    }

    @Test
    void aConfiguredUrlOrHostMeansThatServerIsUsed() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/tradebot")
                .withProperty("spring.data.redis.url", "redis://cache:6379/0")
                .withProperty("spring.rabbitmq.host", "mq");

        assertThat(MissingServices.in(environment)).isEqualTo(new MissingServices(false, false, false));
        assertThat(MissingServices.in(environment).any()).isFalse();
    }

    @Test
    void redisHostAndRabbitAddressesCountAsConfiguredToo() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.data.redis.host", "cache")
                .withProperty("spring.rabbitmq.addresses", "mq1:5672,mq2:5672");

        assertThat(MissingServices.in(environment)).isEqualTo(new MissingServices(true, false, false));
    }

    @Test
    void blankValuesCountAsUnset() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", " ")
                .withProperty("spring.data.redis.url", "")
                .withProperty("spring.rabbitmq.host", "");

        assertThat(MissingServices.in(environment)).isEqualTo(new MissingServices(true, true, true));
    }

    @Test
    void otherPropertiesAloneDoNotPointAtAServer() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.username", "someone")
                .withProperty("spring.data.redis.port", "6390")
                .withProperty("spring.rabbitmq.port", "5680");

        assertThat(MissingServices.in(environment)).isEqualTo(new MissingServices(true, true, true));
    }
}
