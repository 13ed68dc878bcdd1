package app.tradebot.scheduler;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import app.tradebot.runtime.Template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SchedulerBindingsTest {

    @Test
    void eachScheduledFunctionGetsAProducerBindingThatDeclaresNothing() {
        Map<String, Object> props = SchedulerBindings.properties(Template.load());
        // The queue and its DLQ are QueueTopology's, declared when the process connects.
        assertThat(props).contains(
                entry("spring.rabbitmq.publisher-confirm-type", "correlated"),
                entry("spring.cloud.stream.bindings[scheduler-purgeAuditEvents].destination", "schedule.purgeAuditEvents"),
                entry("spring.cloud.stream.bindings[scheduler-purgeAuditEvents].content-type", "application/json"),
                entry("spring.cloud.stream.rabbit.bindings[scheduler-purgeAuditEvents].producer.declare-exchange", false),
                entry("spring.cloud.stream.rabbit.bindings[scheduler-purgeAuditEvents].producer.bind-queue", false),
                entry("spring.cloud.stream.rabbit.bindings[scheduler-purgeAuditEvents].producer.auto-bind-dlq", false));
        assertThat(props).doesNotContainKey("spring.cloud.stream.bindings[scheduler-purgeAuditEvents].producer.required-groups");
    }

    @Test
    void startUpStopsWithoutCorrelatedPublisherConfirms() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.rabbitmq.publisher-confirm-type",
                "none");
        assertThatThrownBy(() -> SchedulerBindings.requirePublisherConfirms(environment))
                .hasMessageContaining("spring.rabbitmq.publisher-confirm-type=correlated (found 'none')");
    }

    @Test
    void theInstanceIdIsConfiguredOrHostAndPid() {
        SchedulerProperties unnamed = new SchedulerProperties(null, null, true, null, null);
        assertThat(SchedulerConfiguration.instanceId(unnamed,
                new MockEnvironment().withProperty("TRADEBOT_INSTANCE_ID", " scheduler-2 "))).isEqualTo("scheduler-2");
        assertThat(SchedulerConfiguration.instanceId(new SchedulerProperties(null, null, true, "sched-x", null),
                new MockEnvironment().withProperty("TRADEBOT_INSTANCE_ID", "ignored"))).isEqualTo("sched-x");
        assertThat(SchedulerConfiguration.instanceId(unnamed, new MockEnvironment().withProperty("HOSTNAME", "box")))
                .isEqualTo("box-" + ProcessHandle.current().pid());
    }
}
