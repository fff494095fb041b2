package org.glancej.tasks;

import java.time.Duration;
import org.glancej.config.ConfigFile;

/**
 * How tasks run and how long they are kept: upstream's {@code [task] task_time_to_live} (hours a finished task
 * stays listed, 48 by default; {@code [DEFAULT] task_time_to_live} is its older name) and {@code
 * [taskflow_executor] max_workers} (tasks running at once; more wait as pending).
 *
 * @param progressInterval how often a task moving data records its progress (also its heartbeat)
 */
public record TasksConfig(Duration timeToLive, int maxWorkers, Duration progressInterval) {
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

    public static TasksConfig from(ConfigFile conf) {
        int legacy = conf.integer("DEFAULT", "task_time_to_live", 48, 0, Integer.MAX_VALUE);
        int hours = conf.integer("task", "task_time_to_live", legacy, 0, Integer.MAX_VALUE);
        return new TasksConfig(Duration.ofHours(hours),
                conf.integer("taskflow_executor", "max_workers", 10, 1, 1000), PROGRESS_INTERVAL);
    }
}
