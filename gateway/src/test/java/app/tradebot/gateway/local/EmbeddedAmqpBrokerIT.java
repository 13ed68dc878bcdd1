package app.tradebot.gateway.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Stream's rabbit binder against the embedded Qpid broker, bound the way the worker
 * binds an MQ function (topic exchange Q, durable queue Q as consumer group with
 * queueNameGroupOnly, auto-bound Q.dlq, republishToDlq): a message is delivered, a failing one
 * ends in the DLQ with the binder's exception headers.
 */
class EmbeddedAmqpBrokerIT {

    private static final String QUEUE = "binder-check";
    private static final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @TempDir
    Path dataDir;

    @Test
    void theRabbitBinderDeclaresConsumesAndDeadLettersOnTheEmbeddedBroker() throws Exception {
        EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(dataDir, 0);
        try {
            int port = (Integer) broker.properties().get("spring.rabbitmq.port");
            try (ConfigurableApplicationContext worker = worker(broker.properties());
                    Connection connection = connect(port);
                    Channel channel = connection.createChannel()) {
                assertThat(channel.queueDeclarePassive(QUEUE).getConsumerCount()).isEqualTo(1);
                assertThat(channel.queueDeclarePassive(QUEUE + ".dlq").getMessageCount()).isZero();

                channel.basicPublish(QUEUE, QUEUE, null, "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
                assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo("{\"n\":1}");

                channel.basicPublish(QUEUE, QUEUE, null, "boom".getBytes(StandardCharsets.UTF_8));
                GetResponse dead = awaitMessage(channel, QUEUE + ".dlq");
                assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("boom");
                assertThat(String.valueOf(dead.getProps().getHeaders().get("x-exception-message"))).contains("refused boom");
                assertThat(dead.getProps().getHeaders()).containsKey("x-exception-stacktrace");
                // AMQP strings arrive as LongString.
                assertThat(String.valueOf(dead.getProps().getHeaders().get("x-original-exchange"))).isEqualTo(QUEUE);
                assertThat(channel.queueDeclarePassive(QUEUE).getMessageCount()).isZero();
            }
        }
        finally {
            broker.close();
        }
    }

    private static ConfigurableApplicationContext worker(Map<String, Object> rabbit) {
        String binding = "spring.cloud.stream.bindings.check-in-0.";
        String rabbitBinding = "spring.cloud.stream.rabbit.bindings.check-in-0.consumer.";
        SpringApplication application = new SpringApplication(Worker.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Map<String, Object> properties = new java.util.HashMap<>(rabbit);
        properties.putAll(Map.of(
                "spring.cloud.function.definition", "check",
                binding + "destination", QUEUE,
                binding + "group", QUEUE,
                binding + "consumer.max-attempts", 1,
                rabbitBinding + "queue-name-group-only", true,
                rabbitBinding + "auto-bind-dlq", true,
                rabbitBinding + "republish-to-dlq", true,
                // Only the broker is under test here.
                "spring.autoconfigure.exclude", String.join(",",
                        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")));
        // As arguments, which win over RABBITMQ_URL and DATABASE_URL when a developer's shell sets them.
        return application.run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new));
    }

    private static Connection connect(int port) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("/");
        return factory.newConnection();
    }

    private static GetResponse awaitMessage(Channel channel, String queue) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return response;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No message arrived in " + queue);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Worker {

        @Bean
        Consumer<Message<byte[]>> check() {
            return message -> {
                String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                if (payload.equals("boom")) {
                    throw new IllegalArgumentException("refused " + payload);
                }
                received.add(payload);
            };
        }
    }
}
