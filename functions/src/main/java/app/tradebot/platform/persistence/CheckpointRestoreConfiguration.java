package app.tradebot.platform.persistence;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connection pools that survive a SnapStart snapshot. A snapshot taken with open connections
 * would restore sockets the database closed long ago, shared by every copy restored from it. With
 * org.crac on the classpath Spring registers a CRaC resource that stops the context's Lifecycle
 * beans before the checkpoint and starts them after restore, and Spring Boot adds one of them for
 * the pool (HikariCheckpointRestoreLifecycle): it suspends the pool, evicts every connection, and
 * resumes the pool after restore. Suspending needs Hikari's allow-pool-suspension, off by default:
 * set here on every TradeBot pool, whatever the runtime, since the cost is one semaphore per borrow.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointRestoreConfiguration {

    @Bean
    static BeanPostProcessor hikariPoolSuspension() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                // Before the pool starts (on first borrow), when Hikari still accepts the setting.
                if (bean instanceof HikariDataSource dataSource) {
                    dataSource.setAllowPoolSuspension(true);
                }
                return bean;
            }
        };
    }
}
