package org.glancej.tasks;

/** The task was ended from outside (recovered as dead, its lock broken) while it ran: it must stop. */
public final class TaskAbortedException extends RuntimeException {
    public TaskAbortedException(String taskId) {
        super("task " + taskId + " is no longer processing; stopping");
    }
}
