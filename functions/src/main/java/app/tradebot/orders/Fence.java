package app.tradebot.orders;

import org.jdbi.v3.core.Handle;

/**
 * Checked inside the transaction that claims an order NEW→SENDING: false means the caller lost the
 * bot's lease (a newer worker holds it), and the order is left for that worker.
 */
@FunctionalInterface
public interface Fence {

    boolean holds(Handle handle);

    /** The lease's fencing token, stored on the orders this holder claims (null when there is none). */
    default Long token() {
        return null;
    }

    /** A fence with a token: {@code check} runs in the claim's transaction. */
    static Fence of(long token, Fence check) {
        return new Fence() {
            @Override
            public boolean holds(Handle handle) {
                return check.holds(handle);
            }

            @Override
            public Long token() {
                return token;
            }
        };
    }

    /**
     * No lease: for the reconciliation's resends, whose rows only it creates; the conditional claim of
     * the row still lets one sender through.
     */
    static Fence none() {
        return handle -> true;
    }
}
