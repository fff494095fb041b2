package org.glancej.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tasks honest across processes, on the {@code [upload_recovery]} intervals: refreshes the heartbeat
 * ({@code updated_at}) of the tasks this process runs, fails the tasks of a type it knows how to clean up
 * whose runner went silent for longer than {@code owner_timeout} (a process killed mid-import) and hands
 * each to that type's cleanup (lock, image status, partial data), and removes expired tasks as upstream.
 */
public final class TaskRecovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRecovery.class);
    public static final String DEAD_RUNNER_MESSAGE =
            "The process running this task stopped before the task finished; its work was undone.";

    /** Undoes what a task of one type left behind when its process died. */
    @FunctionalInterface
    public interface Cleanup {
        void undo(Task task);
    }

    private final TaskDao dao;
    private final TaskRunner runner;
    private final Map<String, Cleanup> cleanups;
    private final Duration heartbeatInterval;
    private final Duration ownerTimeout;
    private final Duration recoveryInterval;
    private final TasksConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("task-recovery").factory());

    public TaskRecovery(TaskDao dao, TaskRunner runner, Map<String, Cleanup> cleanups, Duration heartbeatInterval,
            Duration ownerTimeout, Duration recoveryInterval, TasksConfig config, Clock clock) {
        this.dao = requireNonNull(dao, "dao is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.cleanups = Map.copyOf(cleanups);
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        this.ownerTimeout = requireNonNull(ownerTimeout, "ownerTimeout is null");
        this.recoveryInterval = requireNonNull(recoveryInterval, "recoveryInterval is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One pass now, then heartbeats and passes on their intervals. */
    public void start() {
        runQuietly(this::recover);
        long heartbeat = heartbeatInterval.toMillis();
        timer.scheduleWithFixedDelay(() -> runQuietly(() -> dao.heartbeat(runner.running(), clock.instant())),
                heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long recovery = recoveryInterval.toMillis();
        timer.scheduleWithFixedDelay(() -> runQuietly(this::recover), recovery, recovery, TimeUnit.MILLISECONDS);
    }

    /** One pass; returns how many tasks were failed as abandoned. */
    public int recover() {
        Instant now = clock.instant();
        int failed = 0;
        for (Map.Entry<String, Cleanup> type : cleanups.entrySet()) {
            for (Task task : dao.silentSince(type.getKey(), now.minus(ownerTimeout))) {
                if (runner.running().contains(task.id())) {
                    continue;
                }
                LOG.info("task {} ({}, image {}) silent for over {} s: undoing its work and failing it", task.id(),
                        task.type(), task.imageId(), ownerTimeout.toSeconds());
                // undone first, as a failed task is undone before it says failure: clients wait on the status
                try {
                    type.getValue().undo(task);
                } catch (RuntimeException e) {
                    LOG.warn("task {}: undoing the work of an abandoned task failed: {}", task.id(), e.getMessage());
                }
                if (dao.finish(task.id(), task.status(), TaskStatus.FAILURE, task.result(), DEAD_RUNNER_MESSAGE, now,
                        now.plus(config.timeToLive()))) {
                    failed++;
                }
            }
        }
        int expired = dao.deleteExpired(now);
        if (expired > 0) {
            LOG.info("removed {} expired task(s)", expired);
        }
        return failed;
    }

    private static void runQuietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("task recovery pass failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
