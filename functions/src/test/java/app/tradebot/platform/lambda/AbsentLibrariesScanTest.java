package app.tradebot.platform.lambda;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class AbsentLibrariesScanTest {

    private final MetadataReaderFactory readers = new SimpleMetadataReaderFactory();
    /** The HTTP package's: none of the broker's libraries. */
    private final AbsentLibrariesScan.WithoutLibraries filter = new AbsentLibrariesScan.WithoutLibraries(List.of(
            "org/springframework/cloud/stream/", "org/springframework/integration/", "org/springframework/amqp/rabbit/",
            "com/rabbitmq/"));
    /** The other packages': the Rabbit client, without Spring Cloud Stream and Integration. */
    private final AbsentLibrariesScan.WithoutLibraries withoutStream = new AbsentLibrariesScan.WithoutLibraries(
            List.of("org/springframework/cloud/stream/", "org/springframework/integration/"));

    @Test
    void leavesOutTheClassesThatNameTheBrokersLibraries() throws Exception {
        // the outbox's publisher (RabbitTemplate), the messaging configuration (Rabbit's ConnectionFactory),
        // the queue topology's configuration (the same)
        assertThat(excluded("app.tradebot.platform.messaging.ConfirmedPublisher")).isTrue();
        assertThat(excluded("app.tradebot.platform.messaging.MessagingConfiguration")).isTrue();
        assertThat(excluded("app.tradebot.runtime.QueueTopologyConfiguration")).isTrue();
        assertThat(excluded("app.tradebot.notify.DeliveryListenerConfiguration")).isTrue();
    }

    @Test
    void withTheRabbitClientOnlyTheClassesNamingStreamOrIntegrationAreLeftOut() throws Exception {
        assertThat(withoutStream.match(readers.getMetadataReader("app.tradebot.notify.DeliveryListenerConfiguration"), readers)).isTrue();
        assertThat(withoutStream.match(readers.getMetadataReader("app.tradebot.platform.messaging.RequestIdPropagation"), readers))
                .isTrue();
        assertThat(withoutStream.match(readers.getMetadataReader("app.tradebot.platform.messaging.ConfirmedPublisher"), readers))
                .isFalse();
        assertThat(withoutStream.match(readers.getMetadataReader("app.tradebot.notify.NotifyFunctions"), readers)).isFalse();
    }

    @Test
    void withoutRedisTheClassesNamingItAreLeftOut() throws Exception {
        AbsentLibrariesScan.WithoutLibraries withoutRedis = new AbsentLibrariesScan.WithoutLibraries(
                List.of("org/springframework/data/redis/", "redis/clients/jedis/"));
        assertThat(withoutRedis.match(readers.getMetadataReader("app.tradebot.platform.persistence.RedisConnectionConfiguration"),
                readers)).isTrue();
        assertThat(withoutRedis.match(readers.getMetadataReader("app.tradebot.platform.persistence.Migrate"), readers)).isFalse();
        assertThat(withoutRedis.match(readers.getMetadataReader("app.tradebot.platform.lambda.PruneVersions"), readers)).isFalse();
    }

    @Test
    void keepsTheClassesThatDoNot() throws Exception {
        assertThat(excluded("app.tradebot.auth.AuthFunctions")).isFalse();
        // the notify functions themselves name no broker class: only the worker's listener customisation does
        assertThat(excluded("app.tradebot.notify.NotifyFunctions")).isFalse();
        assertThat(excluded("app.tradebot.platform.lambda.LambdaConfiguration")).isFalse();
        // DependencyFailures names spring-amqp's AmqpConnectException, which the HTTP package keeps
        assertThat(excluded("app.tradebot.platform.http.DependencyFailures")).isFalse();
    }

    @Test
    void registersNoFilterWhereTheBrokersLibrariesArePresent() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            new AbsentLibrariesScan().initialize(context);
            assertThat(context.getBeanFactory().containsSingleton(AbsentLibrariesScan.class.getName())).isFalse();
        }
    }

    @Test
    void registersItWhereTheyAreAbsent() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            // a class loader that hides Spring Cloud Stream, as the HTTP package's class path does
            context.setClassLoader(new ClassLoader(getClass().getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (name.startsWith("org.springframework.cloud.stream.")) {
                        throw new ClassNotFoundException(name);
                    }
                    return super.loadClass(name, resolve);
                }
            });
            new AbsentLibrariesScan().initialize(context);
            assertThat(context.getBeanFactory().getSingleton(AbsentLibrariesScan.class.getName()))
                    .isEqualTo(new AbsentLibrariesScan.WithoutLibraries(List.of("org/springframework/cloud/stream/")));
        }
    }

    private boolean excluded(String className) throws Exception {
        return filter.match(readers.getMetadataReader(className), readers);
    }
}
