package app.tradebot.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Locally every process declares the {@link QueueTopology} as soon as it starts (a broker that is
 * down then gets it on the first connection) and again on every new connection, so a broker that
 * restarted without its state has the queues again before anyone publishes. In AWS
 * ({@value QueueTopology#PROPERTY}={@value QueueTopology#AT_DEPLOYMENT}) the migrate step declares it.
 */
@Configuration(proxyBeanMethods = false)
public class QueueTopologyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QueueTopologyConfiguration.class);

    @Bean
    QueueTopology queueTopology(Template template) {
        return QueueTopology.of(template);
    }

    @Bean
    SmartInitializingSingleton queueTopologyOnConnect(QueueTopology topology, ObjectProvider<ConnectionFactory> connections,
            @Value("${" + QueueTopology.PROPERTY + ":" + QueueTopology.ON_CONNECT + "}") String who) {
        return () -> {
            ConnectionFactory connectionFactory = connections.getIfUnique();
            if (connectionFactory == null || QueueTopology.AT_DEPLOYMENT.equals(who)) {
                return;
            }
            if (!QueueTopology.ON_CONNECT.equals(who)) {
                throw new IllegalStateException(QueueTopology.PROPERTY + " is '" + who + "'; expected "
                        + QueueTopology.ON_CONNECT + " or " + QueueTopology.AT_DEPLOYMENT);
            }
            topology.declareOnEveryConnection(connectionFactory);
            // Opening a connection runs the listener; in the background, so a broker that is down (or slow to
            // refuse) never holds up the start. A publish opens its connection, so declares, first anyway.
            Thread opener = new Thread(() -> {
                try {
                    connectionFactory.createConnection().close();
                }
                catch (RuntimeException e) {
                    log.info("Broker not reachable at start ({}); the queues are declared on the first connection", e.toString());
                }
            }, "queue-topology");
            opener.setDaemon(true);
            opener.start();
        };
    }
}
