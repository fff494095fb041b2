package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.glancej.tasks.Task;

/**
 * What an accepted {@code POST /import} did.
 *
 * @param task the task started here; empty when there was nothing to copy or the stage host took the import
 * @param stageHostRequestId the request id of the stage host that took the import, which the client gets
 */
public record ImportStart(Optional<Task> task, Optional<String> stageHostRequestId) {

    public ImportStart {
        requireNonNull(task, "task is null");
        requireNonNull(stageHostRequestId, "stageHostRequestId is null");
    }

    static ImportStart here(Optional<Task> task) {
        return new ImportStart(task, Optional.empty());
    }

    static ImportStart onStageHost(Optional<String> requestId) {
        return new ImportStart(Optional.empty(), requestId);
    }
}
