package app.tradebot.platform.lambda;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerlessScanTest {

    private final MetadataReaderFactory readers = new SimpleMetadataReaderFactory();
    private final BrokerlessScan.WithoutBroker filter = new BrokerlessScan.WithoutBroker();

    @Test
    void leavesOutTheClassesThatNameTheBrokersLibraries() throws Exception {
        // the outbox's publisher (RabbitTemplate), the messaging configuration (Rabbit's ConnectionFactory),
        // the queue topology's configuration (the same)
        assertThat(excluded("app.tradebot.platform.messaging.ConfirmedPublisher")).isTrue();
        assertThat(excluded("app.tradebot.platform.messaging.MessagingConfiguration")).isTrue();
        assertThat(excluded("app.tradebot.runtime.QueueTopologyConfiguration")).isTrue();
        assertThat(excluded("app.tradebot.notify.NotifyFunctions")).isTrue();
    }

    @Test
    void keepsTheClassesThatDoNot() throws Exception {
        assertThat(excluded("app.tradebot.auth.AuthFunctions")).isFalse();
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
                    .isInstanceOf(BrokerlessScan.WithoutBroker.class);
        }
    }

    private boolean excluded(String className) throws Exception {
        return filter.match(readers.getMetadataReader(className), readers);
    }
}
