package org.glancej.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskListQueryTest {
    private static Task task(String id, String type, int second) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second);
        return new Task(id, type, TaskStatus.PENDING, "p", null, at, at, null, null, null, "{}", null, "");
    }

    private static final List<Task> TASKS = List.of(
            task("00000000-0000-0000-0000-000000000001", "import", 1),
            task("00000000-0000-0000-0000-000000000002", "api_image_import", 2),
            task("00000000-0000-0000-0000-000000000003", "import", 2));

    @Test
    void newestFirstWithTiesBrokenByIdInTheSameDirection() {
        List<Task> page = TaskListQuery.parse(Map.of(), 25, 1000).page(TASKS);

        assertThat(page).extracting(Task::id).containsExactly("00000000-0000-0000-0000-000000000003",
                "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000001");
    }

    @Test
    void markerStartsAfterItsTaskAndLimitIsCappedByApiLimitMax() {
        TaskListQuery query = TaskListQuery.parse(
                Map.of("marker", "00000000-0000-0000-0000-000000000003", "limit", "50"), 25, 1);

        assertThat(query.limit()).isEqualTo(1);
        assertThat(query.page(TASKS)).extracting(Task::id).containsExactly("00000000-0000-0000-0000-000000000002");
    }

    @Test
    void filtersOnTaskColumnsOnlyAndSortsByTheGivenKey() {
        List<Task> page = TaskListQuery.parse(Map.of("type", "import", "sort_key", "id", "sort_dir", "asc",
                "unknown", "x"), 25, 1000).page(TASKS);

        assertThat(page).extracting(Task::id).containsExactly("00000000-0000-0000-0000-000000000001",
                "00000000-0000-0000-0000-000000000003");
    }
}
