import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;

/**
 * bench/scheduler-precision.sh's independent witness: consumes the scheduler's queues and writes one
 * line per delivered message, tab-separated: the receive time (epoch microseconds), the queue, the
 * message id (the execution id), the redelivered flag and the Input's scheduledTime. The harness
 * counts a (queue, scheduledTime) delivered twice as a double fire.
 *
 * Usage: java -cp amqp-client.jar:slf4j-api.jar SchedulerTickConsumer AMQP_URI OUT_FILE QUEUE...
 */
public final class SchedulerTickConsumer {

    private static final Pattern SCHEDULED_TIME = Pattern.compile("\"scheduledTime\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[0]);
        PrintWriter out = new PrintWriter(new FileWriter(args[1], StandardCharsets.UTF_8, true));
        Connection connection = factory.newConnection("scheduler-precision-consumer");
        for (int i = 2; i < args.length; i++) {
            String queue = args[i];
            Channel channel = connection.createChannel();
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    Instant now = Instant.now();
                    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                    Matcher m = SCHEDULED_TIME.matcher(new String(body, StandardCharsets.UTF_8));
                    String scheduled = m.find() ? m.group(1) : "-";
                    synchronized (out) {
                        out.printf("%d\t%s\t%s\t%s\t%s%n", micros, queue, properties.getMessageId(),
                                envelope.isRedeliver(), scheduled);
                        out.flush();
                    }
                }
            });
        }
        System.err.println("[consumer] consuming " + (args.length - 2) + " queue(s)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                connection.close();
            }
            catch (Exception e) {
                // exiting anyway
            }
            out.close();
        }));
        new CountDownLatch(1).await();
    }
}
