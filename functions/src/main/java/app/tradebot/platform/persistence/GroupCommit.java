package app.tradebot.platform.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes what concurrent callers hand it at the same time in one statement and one commit: a caller
 * whose item arrives while another one's batch is being written waits, then writes what gathered
 * meanwhile, its own item with it. Each caller returns only once its own item is committed, with its
 * own result, so it acts on it (acknowledges a message, sends a row) as after a write of its own. When
 * a batch fails, each of its callers writes its item alone, so a failure belongs to its own caller and
 * never to its neighbours. With one caller at a time every batch is that caller's item: no wait, no cost.
 * The writer is one of the callers, not a thread of its own: no caller waits holding a connection, and
 * at most one holds one for the batch.
 *
 * @param <T> what a caller writes
 * @param <R> what the write gives back for it (a generated id, an update count)
 */
public final class GroupCommit<T, R> {

    private final Function<List<T>, List<R>> batch;
    private final Function<T, R> alone;
    private final Object lock = new Object();
    private List<Waiting<T, R>> queued = new ArrayList<>();
    private boolean writing;

    /**
     * {@code batch} writes its items (two or more) in one transaction and returns their results in their
     * order; {@code alone} writes one item (a batch of one, or after a failed batch).
     */
    public GroupCommit(Function<List<T>, List<R>> batch, Function<T, R> alone) {
        this.batch = batch;
        this.alone = alone;
    }

    /** Writes {@code item} (in a batch with concurrent callers' items) and returns its result once committed. */
    public R write(T item) {
        Waiting<T, R> mine = new Waiting<>(item);
        List<Waiting<T, R>> taken = null;
        synchronized (lock) {
            queued.add(mine);
            // Until another caller's batch stored this item, or this caller may write one itself.
            while (mine.state == State.QUEUED && taken == null) {
                if (writing) {
                    try {
                        lock.wait();
                    }
                    catch (InterruptedException e) {
                        // Still queued: a writer stores it, but this caller cannot wait for that.
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted waiting for a batch to be stored", e);
                    }
                }
                else {
                    writing = true;
                    taken = queued;
                    queued = new ArrayList<>();
                }
            }
        }
        if (taken != null && taken.size() == 1) {
            // Nobody else waited: this caller's item alone, its failure its own at once.
            try {
                return alone.apply(item);
            }
            finally {
                synchronized (lock) {
                    writing = false;
                    lock.notifyAll();
                }
            }
        }
        if (taken != null) {
            write(taken);
        }
        return mine.state == State.ALONE ? alone.apply(item) : mine.result;
    }

    /** Callers waiting for the batch being written to end, their items to go in the next. */
    public int queued() {
        synchronized (lock) {
            return queued.size();
        }
    }

    /** Writes a batch (this caller's item among them) and wakes its callers, whatever happens. */
    private void write(List<Waiting<T, R>> taken) {
        List<R> results = null;
        try {
            List<R> written = batch.apply(taken.stream().map(waiting -> waiting.item).toList());
            if (written.size() == taken.size()) {
                results = written;
            }
        }
        catch (RuntimeException e) {
            // Each caller writes alone: the failure reaches the caller whose item caused it.
        }
        finally {
            synchronized (lock) {
                for (int i = 0; i < taken.size(); i++) {
                    Waiting<T, R> waiting = taken.get(i);
                    if (results == null) {
                        waiting.state = State.ALONE;
                    }
                    else {
                        waiting.result = results.get(i);
                        waiting.state = State.STORED;
                    }
                }
                writing = false;
                lock.notifyAll();
            }
        }
    }

    private enum State { QUEUED, STORED, ALONE }

    private static final class Waiting<T, R> {

        private final T item;
        /** Guarded by the lock, as is the state. */
        private R result;
        private State state = State.QUEUED;

        Waiting(T item) {
            this.item = item;
        }
    }
}
