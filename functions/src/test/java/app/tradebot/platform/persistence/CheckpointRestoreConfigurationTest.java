package app.tradebot.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;

class CheckpointRestoreConfigurationTest {

    private final BeanPostProcessor postProcessor = CheckpointRestoreConfiguration.hikariPoolSuspension();

    @Test
    void letsEveryHikariPoolBeSuspended() {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            assertThat(dataSource.isAllowPoolSuspension()).isFalse();

            Object processed = postProcessor.postProcessBeforeInitialization(dataSource, "dataSource");

            assertThat(processed).isSameAs(dataSource);
            assertThat(dataSource.isAllowPoolSuspension()).isTrue();
        }
    }

    @Test
    void leavesOtherBeansAlone() {
        Object bean = new Object();
        assertThat(postProcessor.postProcessBeforeInitialization(bean, "other")).isSameAs(bean);
    }
}
