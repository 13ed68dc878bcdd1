package app.tradebot.platform.messaging;

import app.tradebot.runtime.RequestIds;
import org.slf4j.MDC;

import org.springframework.integration.config.GlobalChannelInterceptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Every message published while an API request is being handled (StreamBridge applies global
 * channel interceptors to its output channels) carries the request's id as header
 * {@value RequestIds#MESSAGE_HEADER}; {@link QueueConsumers} puts it back in the MDC in the worker.
 * Without a request id in the MDC (the scheduler's ticks, start-up) messages pass unchanged.
 */
@Component
@GlobalChannelInterceptor(patterns = "*")
class RequestIdPropagation implements ChannelInterceptor {

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId == null || message.getHeaders().containsKey(RequestIds.MESSAGE_HEADER)) {
            return message;
        }
        return MessageBuilder.fromMessage(message).setHeader(RequestIds.MESSAGE_HEADER, requestId).build();
    }
}
