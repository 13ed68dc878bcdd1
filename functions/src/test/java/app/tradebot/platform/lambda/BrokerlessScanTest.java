package app.tradebot.platform.lambda;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerlessScanTest {

    private final MetadataReaderFactory readers = new SimpleMetadataReaderFactory();
    /** The HTTP package's: none of the broker's libraries. */
    private final BrokerlessScan.WithoutBroker filter = new BrokerlessScan.WithoutBroker(BrokerlessScan.BROKER_LIBRARIES
            .stream().flatMap(library -> library.packages().stream()).toList());
    /** The other packages': the Rabbit client, without Spring Cloud Stream and Integration. */
    private final BrokerlessScan.WithoutBroker withoutStream = new BrokerlessScan.WithoutBroker(
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
            new BrokerlessScan().initialize(context);
            assertThat(context.getBeanFactory().containsSingleton(BrokerlessScan.class.getName())).isFalse();
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
            new BrokerlessScan().initialize(context);
            assertThat(context.getBeanFactory().getSingleton(BrokerlessScan.class.getName()))
                    .isEqualTo(new BrokerlessScan.WithoutBroker(List.of("org/springframework/cloud/stream/")));
        }
    }

    private boolean excluded(String className) throws Exception {
        return filter.match(readers.getMetadataReader(className), readers);
    }
}
