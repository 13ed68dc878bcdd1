package app.tradebot.platform.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group commit with a write that the test holds: callers arriving while a batch is written go
 * together in the next one, each gets its own result, and a failed batch makes each caller write alone.
 */
class GroupCommitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> alone = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void callersArrivingDuringABatchAreWrittenTogetherInTheNextEachWithItsOwnResult() throws Exception {
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            batches.add(items);
            return items.stream().map(item -> "row " + item).toList();
        }, item -> {
            alone.add(item);
            if (item == 0) {
                firstWriting.countDown();
                await(release);
            }
            return "alone " + item;
        });

        Future<String> first = callers.submit(() -> commit.write(0));
        assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> others = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            int item = i;
            others.add(callers.submit(() -> commit.write(item)));
        }
        while (commit.queued() < 7) {
            Thread.onSpinWait();
        }
        assertThat(first.isDone()).as("the first caller waits for its own batch").isFalse();
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).as("the first caller's batch: itself alone").isEqualTo("alone 0");
        for (int i = 1; i <= 7; i++) {
            assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("row " + i);
        }
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
        assertThat(alone).containsExactly(0);
        assertThat(commit.queued()).isZero();
    }

    @Test
    void aFailedBatchMakesEachCallerWriteAloneAndOnlyTheRefusedOneFails() throws Exception {
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            batches.add(items);
            throw new IllegalStateException("item 3 is refused");
        }, item -> {
            alone.add(item);
            if (item == 0) {
                firstWriting.countDown();
                await(release);
            }
            if (item == 3) {
                throw new IllegalStateException("item 3 is refused");
            }
            return "alone " + item;
        });

        Future<String> first = callers.submit(() -> commit.write(0));
        assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> others = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int item = i;
            others.add(callers.submit(() -> commit.write(item)));
        }
        while (commit.queued() < 4) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
        assertThat(others.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("alone 1");
        assertThat(others.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("alone 2");
        assertThatThrownBy(() -> others.get(2).get(10, TimeUnit.SECONDS)).hasRootCauseMessage("item 3 is refused");
        assertThat(others.get(3).get(10, TimeUnit.SECONDS)).isEqualTo("alone 4");
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(alone).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void oneCallerAtATimeWritesItsItemAloneAndItsFailureReachesItAtOnce() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(items -> {
            batches.add(items);
            return items.stream().map(item -> item * 10).toList();
        }, item -> {
            alone.add(item);
            if (item == 3) {
                throw new IllegalStateException("item 3 is refused");
            }
            return -1;
        });

        assertThat(commit.write(1)).isEqualTo(-1);
        assertThat(commit.write(2)).isEqualTo(-1);
        assertThat(batches).isEmpty();
        assertThat(alone).containsExactly(1, 2);
        assertThatThrownBy(() -> commit.write(3)).hasMessage("item 3 is refused");
        assertThat(alone).as("tried once").containsExactly(1, 2, 3);
        assertThat(commit.write(4)).as("the next caller writes").isEqualTo(-1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
