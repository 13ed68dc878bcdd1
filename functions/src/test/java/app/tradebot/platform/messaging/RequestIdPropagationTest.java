package app.tradebot.platform.messaging;

import app.tradebot.runtime.RequestIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdPropagationTest {

    private final RequestIdPropagation propagation = new RequestIdPropagation();

    @AfterEach
    void clearMdc() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    @Test
    void aMessageSentDuringARequestCarriesItsId() {
        MDC.put(RequestIds.MDC_KEY, "req-7");
        Message<String> sent = MessageBuilder.withPayload("{}").setHeader("other", "kept").build();

        Message<?> out = propagation.preSend(sent, null);

        assertThat(out.getHeaders()).containsEntry(RequestIds.MESSAGE_HEADER, "req-7").containsEntry("other", "kept");
        assertThat(out.getPayload()).isEqualTo("{}");
    }

    @Test
    void outsideARequestTheMessageIsUnchanged() {
        Message<String> sent = MessageBuilder.withPayload("{}").build();

        assertThat(propagation.preSend(sent, null)).isSameAs(sent);
    }

    @Test
    void anIdTheMessageAlreadyCarriesIsKept() {
        MDC.put(RequestIds.MDC_KEY, "req-now");
        Message<String> sent = MessageBuilder.withPayload("{}").setHeader(RequestIds.MESSAGE_HEADER, "req-origin").build();

        assertThat(propagation.preSend(sent, null).getHeaders()).containsEntry(RequestIds.MESSAGE_HEADER, "req-origin");
    }
}
