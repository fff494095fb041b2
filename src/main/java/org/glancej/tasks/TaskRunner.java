package org.glancej.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.glancej.common.GlanceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks in the background, each on a virtual thread, at most {@code max_workers} at once (the others
 * wait as {@code pending}): pending → processing → success or failure with a message, then kept for {@code
 * task_time_to_live}. The work undoes its own effects when it fails; the runner only records the outcome.
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final TaskDao dao;
    private final TasksConfig config;
    private final Clock clock;
    private final Semaphore workers;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("task-", 0)
            .factory());
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public TaskRunner(TaskDao dao, TasksConfig config, Clock clock) {
        this.dao = requireNonNull(dao, "dao is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.workers = new Semaphore(config.maxWorkers());
    }

    /** What a task does; returns its result (JSON) and throws to fail it. */
    @FunctionalInterface
    public interface TaskWork {
        String run(TaskProgress progress) throws Exception;
    }

    /** Runs a task already recorded as pending. */
    public void submit(Task task, TaskWork work) {
        running.add(task.id());
        try {
            threads.submit(() -> run(task, work));
        } catch (RuntimeException e) {
            running.remove(task.id());
            throw e;
        }
    }

    /** The tasks this process runs or has queued. */
    public Set<String> running() {
        return Set.copyOf(running);
    }

    private void run(Task task, TaskWork work) {
        try {
            workers.acquire();
        } catch (InterruptedException e) {
            running.remove(task.id());
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (!dao.transition(task.id(), TaskStatus.PENDING, TaskStatus.PROCESSING, clock.instant())) {
                LOG.info("task {} was ended before it started", task.id());
                return;
            }
            TaskProgress progress = new TaskProgress(task.id(), dao, clock, config.progressInterval());
            String result;
            try {
                result = work.run(progress);
            } catch (TaskAbortedException e) {
                LOG.info("task {} ({}) stopped: it was ended from outside", task.id(), task.type());
                return;
            } catch (Exception e) {
                String message = failureMessage(task, e);
                finish(task, TaskStatus.FAILURE, null, message);
                return;
            }
            finish(task, TaskStatus.SUCCESS, result, progress.successMessage());
        } catch (RuntimeException e) {
            LOG.warn("task {}: could not record its outcome: {}", task.id(), e.getMessage());
        } finally {
            running.remove(task.id());
            workers.release();
        }
    }

    private String failureMessage(Task task, Exception e) {
        if (e instanceof GlanceException glance) {
            LOG.info("task {} ({}) failed: {}", task.id(), task.type(), glance.getMessage());
            return glance.getMessage();
        }
        LOG.warn("task {} ({}) failed", task.id(), task.type(), e);
        return "Task failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private void finish(Task task, TaskStatus outcome, String result, String message) {
        Instant now = clock.instant();
        if (!dao.finish(task.id(), TaskStatus.PROCESSING, outcome, result, message, now,
                now.plus(config.timeToLive()))) {
            LOG.info("task {} was ended from outside before it could record {}", task.id(), outcome.wire());
        }
    }

    /** Stops taking tasks and interrupts those running; recovery elsewhere (or at the next start) ends them. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
