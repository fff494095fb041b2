package org.glancej.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glancej.common.GlanceException;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner on every database: at most max_workers at once, outcomes recorded, tasks ended from outside left so. */
class TaskRunnerTest extends DatabaseTestSupport {
    private TaskDao dao;
    private TaskRunner runner;

    @BeforeEach
    void createRunner() {
        dao = new TaskDao(database.dataSource(), database.dialect());
        runner = new TaskRunner(dao, new TasksConfig(Duration.ofHours(48), 1, Duration.ofSeconds(2)),
                Clock.systemUTC());
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    private Task pending() {
        Task task = Task.pending(UUID.randomUUID().toString(), Task.API_IMAGE_IMPORT, "p", Instant.now(), "img",
                null, null, "{}");
        dao.insert(task);
        return task;
    }

    private Task awaitFinal(String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        Task task = dao.find(id).orElseThrow();
        while (!task.status().isFinal() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            task = dao.find(id).orElseThrow();
        }
        return task;
    }

    @Test
    void aSecondTaskWaitsPendingWhileTheOnlyWorkerIsBusy() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Task first = pending();
        Task second = pending();
        runner.submit(first, progress -> {
            started.countDown();
            release.await();
            return "{\"image_id\": \"img\"}";
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        runner.submit(second, progress -> "{}");
        Thread.sleep(200);
        assertThat(dao.find(first.id()).orElseThrow().status()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(dao.find(second.id()).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(runner.running()).contains(first.id(), second.id());
        release.countDown();

        Task done = awaitFinal(first.id());
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.result()).isEqualTo("{\"image_id\": \"img\"}");
        assertThat(done.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(47)));
        assertThat(awaitFinal(second.id()).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void aSucceedingTaskKeepsTheCountOfItsLastStoreCopyAsUpstreamsImportDoes() throws Exception {
        // upstream's import ends with "Copied N MiB" of its last store copy in the message (a mixed cluster shows
        // the tasks of its nodes alike), and leaves it empty when no copy moved data
        Task copied = pending();
        runner.submit(copied, progress -> {
            progress.phase("importing to store fast", java.util.OptionalLong.of(5L << 20));
            progress.advance(5L << 20);
            progress.keepCopiedMessage();
            progress.phase("importing to store slow", java.util.OptionalLong.of(5L << 20));
            progress.advance((3L << 20) + 7);
            progress.keepCopiedMessage();
            progress.phase("importing to store broken", java.util.OptionalLong.of(5L << 20));
            progress.keepCopiedMessage();
            return "{\"image_id\": \"img\"}";
        });
        Task nothing = pending();
        runner.submit(nothing, progress -> {
            progress.phase("importing to store fast", java.util.OptionalLong.of(0));
            progress.keepCopiedMessage();
            return "{}";
        });

        Task done = awaitFinal(copied.id());
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.message()).isEqualTo("Copied 3 MiB");
        assertThat(awaitFinal(nothing.id()).message()).isEmpty();
    }

    @Test
    void aFailingTaskSaysWhyAndProgressIsRecordedWhileItRuns() throws Exception {
        Task task = pending();
        runner.submit(task, progress -> {
            progress.phase("importing to store fast", java.util.OptionalLong.of(10));
            progress.advance(4);
            Task running = dao.find(task.id()).orElseThrow();
            assertThat(running.result()).contains("\"phase\":\"importing to store fast\"", "\"bytes_total\":10");
            assertThat(running.message()).isEqualTo("Copied 0 MiB");
            throw GlanceException.conflict("the store is full");
        });

        Task done = awaitFinal(task.id());
        assertThat(done.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(done.message()).isEqualTo("the store is full");
    }

    @Test
    void aTaskEndedFromOutsideStopsAtItsNextProgressAndStaysAsEnded() throws Exception {
        Task task = pending();
        CountDownLatch ended = new CountDownLatch(1);
        runner.submit(task, progress -> {
            dao.finish(task.id(), TaskStatus.PROCESSING, TaskStatus.FAILURE, null, "preempted", Instant.now(),
                    Instant.now());
            try {
                progress.phase("copying", java.util.OptionalLong.empty());
            } finally {
                ended.countDown();
            }
            return "{}";
        });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        Task done = awaitFinal(task.id());
        assertThat(done.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(done.message()).isEqualTo("preempted");
    }
}
