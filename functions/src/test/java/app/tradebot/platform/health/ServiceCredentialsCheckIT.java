package app.tradebot.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

import app.tradebot.TestServices;
import app.tradebot.runtime.ConfigurationProblem;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Against the real Redis and RabbitMQ: a wrong password stops start-up naming the variable; an absent server doesn't. */
class ServiceCredentialsCheckIT {

    private final ServiceCredentialsCheck check = new ServiceCredentialsCheck(new MockEnvironment(),
            new StaticListableBeanFactory().getBeanProvider(org.springframework.data.redis.connection.RedisConnectionFactory.class),
            new StaticListableBeanFactory().getBeanProvider(org.springframework.amqp.rabbit.connection.ConnectionFactory.class));

    /** A Redis with requirepass of its own (the shared test Redis has no password, and accepts any). */
    @Test
    void aRedisPasswordTheServerDoesNotAcceptNamesRedisUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--requirepass", "the-password", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LettuceConnectionFactory wrong = null;
        LettuceConnectionFactory right = null;
        try {
            awaitPort(port);
            RedisStandaloneConfiguration config = new RedisStandaloneConfiguration("127.0.0.1", port);
            config.setPassword("not-the-password");
            wrong = started(new LettuceConnectionFactory(config));
            LettuceConnectionFactory factory = wrong;
            assertThatThrownBy(() -> check.checkRedis(factory))
                    .isInstanceOf(ConfigurationProblem.class)
                    .hasMessageStartingWith("REDIS_URL: Redis refused the password")
                    .hasMessageNotContaining("not-the-password");

            RedisStandaloneConfiguration good = new RedisStandaloneConfiguration("127.0.0.1", port);
            good.setPassword("the-password");
            right = started(new LettuceConnectionFactory(good));
            LettuceConnectionFactory rightFactory = right;
            assertThatCode(() -> check.checkRedis(rightFactory)).doesNotThrowAnyException();
        }
        finally {
            if (wrong != null) {
                wrong.destroy();
            }
            if (right != null) {
                right.destroy();
            }
            server.destroy();
            server.waitFor();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            }
            catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    @Test
    void theRightRedisAndAnUnreachableOneDoNotStopStartUp() {
        URI redis = URI.create(TestServices.REDIS_URL);
        LettuceConnectionFactory good = started(new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(), redis.getPort())));
        LettuceConnectionFactory closed = started(new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1)));
        try {
            assertThatCode(() -> check.checkRedis(good)).doesNotThrowAnyException();
            assertThatCode(() -> check.checkRedis(closed)).doesNotThrowAnyException();
        }
        finally {
            good.destroy();
            closed.destroy();
        }
    }

    @Test
    void aWrongRabbitPasswordNamesRabbitmqUrl() {
        CachingConnectionFactory factory = TestServices.rabbit();
        factory.setPassword("not-the-password");
        try {
            assertThatThrownBy(() -> check.checkRabbit(factory))
                    .isInstanceOf(ConfigurationProblem.class)
                    .hasMessageStartingWith("RABBITMQ_URL: RabbitMQ refused the user name or password")
                    .hasMessageNotContaining("not-the-password");
        }
        finally {
            factory.destroy();
        }
    }

    @Test
    void anUnknownVirtualHostNamesRabbitmqUrl() {
        CachingConnectionFactory factory = TestServices.rabbit();
        factory.setVirtualHost("no-such-vhost-for-tradebot");
        try {
            assertThatThrownBy(() -> check.checkRabbit(factory))
                    .isInstanceOf(ConfigurationProblem.class)
                    .hasMessageStartingWith("RABBITMQ_URL: RabbitMQ refused the virtual host");
        }
        finally {
            factory.destroy();
        }
    }

    @Test
    void theRightRabbitAndAnUnreachableOneDoNotStopStartUp() {
        CachingConnectionFactory good = TestServices.rabbit();
        CachingConnectionFactory closed = new CachingConnectionFactory("127.0.0.1", 1);
        try {
            assertThatCode(() -> check.checkRabbit(good)).doesNotThrowAnyException();
            assertThatCode(() -> check.checkRabbit(closed)).doesNotThrowAnyException();
            assertThat(good.createConnection().isOpen()).isTrue();
        }
        finally {
            good.destroy();
            closed.destroy();
        }
    }

    private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
