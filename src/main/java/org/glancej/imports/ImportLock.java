package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.TaskLockDao;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskDao;
import org.glancej.tasks.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's check of an image's import lock before a new import: a lock whose task is gone, or has not been
 * heard from for an hour (two while pending), is stale and broken (its task failed with "Expired lock
 * preempted"); any other lock is a 409.
 */
public final class ImportLock {
    private static final Logger LOG = LoggerFactory.getLogger(ImportLock.class);
    static final Duration EXPIRY = Duration.ofMinutes(60);

    private final TaskLockDao locks;
    private final TaskDao tasks;
    private final Duration taskTimeToLive;
    private final Clock clock;

    public ImportLock(TaskLockDao locks, TaskDao tasks, Duration taskTimeToLive, Clock clock) {
        this.taskTimeToLive = requireNonNull(taskTimeToLive, "taskTimeToLive is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Breaks the image's lock if it is stale; returns the task it was taken from (if that task still exists).
     *
     * @throws GlanceException 409 while the lock is valid
     */
    public Optional<Task> breakIfStale(Image image) {
        String holder = image.properties().get(TaskLockDao.LOCK_PROPERTY);
        if (holder == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Task> task = tasks.find(holder);
        if (task.isPresent()) {
            Duration expiry = task.get().status() == TaskStatus.PENDING ? EXPIRY.multipliedBy(2) : EXPIRY;
            Duration age = Duration.between(task.get().updatedAt(), now);
            if (age.compareTo(expiry) < 0) {
                LOG.info("image {} has import task {} in status {}; its lock remains valid for {} more seconds",
                        image.id(), holder, task.get().status().wire(), expiry.minus(age).toSeconds());
                throw GlanceException.conflict("Image has active task");
            }
            if (!task.get().status().isFinal()) {
                tasks.finish(holder, task.get().status(), TaskStatus.FAILURE, task.get().result(),
                        "Expired lock preempted", now, now.plus(taskTimeToLive));
            }
        } else {
            LOG.warn("image {} has non-existent import task {}; considering it stale", image.id(), holder);
        }
        if (!locks.release(image.id(), holder, now)) {
            // another request broke it first: act as if it were still valid rather than race on
            throw GlanceException.conflict("Image has active task");
        }
        LOG.warn("image {}: removed the expired lock of import task {}", image.id(), holder);
        return task;
    }
}
