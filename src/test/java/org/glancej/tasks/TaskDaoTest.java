package org.glancej.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tasks in upstream's tables on every database: status changes, progress, expiry, silent runners. */
class TaskDaoTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private TaskDao dao;

    @BeforeEach
    void createDao() {
        dao = new TaskDao(database.dataSource(), database.dialect());
    }

    private Task pending(String imageId, Instant at) {
        Task task = Task.pending(UUID.randomUUID().toString(), Task.API_IMAGE_IMPORT, "project", at, imageId,
                "req-1", "user", "{\"image_id\": \"" + imageId + "\"}");
        dao.insert(task);
        return task;
    }

    @Test
    void insertedTaskReadsBackWithItsInfo() {
        Task task = pending("img", T0);

        Task found = dao.find(task.id()).orElseThrow();

        assertThat(found).isEqualTo(task);
        assertThat(found.message()).isEmpty();
    }

    @Test
    void taskGoesPendingProcessingSuccessOnlyFromTheExpectedStatus() {
        Task task = pending("img", T0);

        assertThat(dao.finish(task.id(), TaskStatus.PROCESSING, TaskStatus.SUCCESS, "{}", "", T0, T0)).isFalse();
        assertThat(dao.transition(task.id(), TaskStatus.PENDING, TaskStatus.PROCESSING, T0.plusSeconds(1))).isTrue();
        assertThat(dao.progress(task.id(), "{\"progress\": {}}", "Copied 1 MiB", T0.plusSeconds(2))).isTrue();
        Instant expires = T0.plus(Duration.ofHours(48));
        assertThat(dao.finish(task.id(), TaskStatus.PROCESSING, TaskStatus.SUCCESS, "{\"image_id\": \"img\"}", "",
                T0.plusSeconds(3), expires)).isTrue();

        Task done = dao.find(task.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.result()).isEqualTo("{\"image_id\": \"img\"}");
        assertThat(done.expiresAt()).isEqualTo(expires);
        assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(dao.progress(task.id(), "{}", "late", T0.plusSeconds(4))).isFalse();
    }

    @Test
    void silentTasksAreThoseNotHeardFromSinceTheCutoff() {
        Task quiet = pending("a", T0);
        Task alive = pending("b", T0);
        dao.heartbeat(List.of(alive.id()), T0.plusSeconds(60));

        assertThat(dao.silentSince(Task.API_IMAGE_IMPORT, T0.plusSeconds(30))).extracting(Task::id)
                .containsExactly(quiet.id());
        assertThat(dao.silentSince(Task.LOCATION_IMPORT, T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void expiredTasksAreRemovedAndNoLongerListedForTheirImage() {
        Task old = pending("img", T0);
        Task fresh = pending("img", T0.plusSeconds(1));
        dao.transition(old.id(), TaskStatus.PENDING, TaskStatus.PROCESSING, T0);
        dao.finish(old.id(), TaskStatus.PROCESSING, TaskStatus.FAILURE, null, "boom", T0, T0.plusSeconds(10));

        assertThat(dao.forImage("img", T0.plusSeconds(5))).extracting(Task::id).containsExactly(old.id(), fresh.id());
        assertThat(dao.forImage("img", T0.plusSeconds(11))).extracting(Task::id).containsExactly(fresh.id());
        assertThat(dao.deleteExpired(T0.plusSeconds(11))).isEqualTo(1);
        assertThat(dao.find(old.id())).isEmpty();
        assertThat(dao.list(null, null, null)).extracting(Task::id).containsExactly(fresh.id());
    }

    @Test
    void listFiltersByOwnerTypeAndStatus() {
        Task mine = pending("img", T0);
        Task other = Task.pending(UUID.randomUUID().toString(), Task.LEGACY_IMPORT, "other", T0, null, null, null,
                "{}");
        dao.insert(other);

        assertThat(dao.list("project", null, null)).extracting(Task::id).containsExactly(mine.id());
        assertThat(dao.list(null, Task.LEGACY_IMPORT, null)).extracting(Task::id).containsExactly(other.id());
        assertThat(dao.list(null, null, TaskStatus.SUCCESS)).isEmpty();
    }
}
