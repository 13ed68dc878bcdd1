package app.tradebot.platform.messaging;

/**
 * A queue message whose payload is not the JSON its function expects. Retrying cannot help, so
 * the worker sends it straight to the queue's DLQ; under FunctionInvoker the invocation fails.
 */
public class UndecodableMessage extends RuntimeException {

    UndecodableMessage(String message) {
        super(message);
    }

    UndecodableMessage(String message, Throwable cause) {
        super(message, cause);
    }
}
