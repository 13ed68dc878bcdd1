package app.tradebot.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import app.tradebot.TestServices;
import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.Template;
import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quorum queue an earlier release declared with other arguments (another delivery limit), against the real
 * RabbitMQ: kept as it is, with its messages, while it holds any, and replaced with this release's arguments once
 * it is empty and has no consumer. RabbitMQ 3 refuses a conditional delete of a quorum queue by closing the
 * connection, so the topology unbinds the queue, reads its counts, and binds it again when it keeps it.
 */
class QueueTopologyUpgradeIT {

    @Test
    void aQueueOfAnEarlierReleaseIsKeptWhileItHoldsMessagesAndReplacedOnceEmpty() throws Exception {
        String queue = "topology-upgrade-it-" + System.nanoTime();
        QueueTopology topology = QueueTopology.of(Template.parse("""
                Resources:
                  RecordAuditEventFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: recordAuditEvent}}
                      Events:
                        Events: {Type: MQ, Properties: {Queues: [%s], BatchSize: 10}}
                """.formatted(queue)));
        CachingConnectionFactory rabbit = TestServices.rabbit();
        try (Connection connection = rabbit.createConnection()) {
            Channel channel = connection.createChannel(false);
            Map<String, Object> earlier = new HashMap<>(QueueTopology.queueArguments(queue));
            earlier.put("x-delivery-limit", QueueTopology.deliveryLimit(queue) + 5);
            channel.queueDeclare(queue, true, false, false, earlier);
            channel.basicPublish("", queue, null, "kept".getBytes(StandardCharsets.UTF_8));
            try {
                assertThat(topology.declare(rabbit)).as("queues kept as they were").containsExactly(queue);
                // bound to its exchange again after the count
                channel.basicPublish(queue, "any", null, "routed".getBytes(StandardCharsets.UTF_8));
                assertThat(channel.basicGet(queue, true).getBody()).asString(StandardCharsets.UTF_8).isEqualTo("kept");
                assertThat(channel.basicGet(queue, true).getBody()).asString(StandardCharsets.UTF_8).isEqualTo("routed");

                assertThat(topology.declare(rabbit)).as("queues kept as they were").isEmpty();
                // this release's arguments now: declaring them again is no longer refused
                Channel again = connection.createChannel(false);
                again.queueDeclare(queue, true, false, false, QueueTopology.queueArguments(queue));
                again.close();
            }
            finally {
                Channel cleanup = connection.createChannel(false);
                cleanup.queueDelete(queue);
                cleanup.queueDelete(QueueTopology.deadLetterQueue(queue));
                cleanup.exchangeDelete(queue);
                cleanup.close();
            }
        }
        finally {
            rabbit.destroy();
        }
    }
}
