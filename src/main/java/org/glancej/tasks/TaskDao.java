package org.glancej.tasks;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;

/**
 * Tasks in upstream's {@code tasks} and {@code task_info} tables. Status changes are compare-and-swap on the
 * status, so a task failed by recovery (or by a broken lock) cannot be completed afterwards by its old runner.
 */
public final class TaskDao {
    private static final String COLUMNS = "t.id, t.type, t.status, t.owner, t.expires_at, t.created_at, t.updated_at,"
            + " t.image_id, t.request_id, t.user_id, i.input, i.result, i.message";
    private static final String FROM = " FROM tasks t LEFT JOIN task_info i ON i.task_id = t.id";

    private final DataSource dataSource;
    private final Dialect dialect;

    public TaskDao(DataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    public void insert(Task task) {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tasks (id, type, status, owner, expires_at,"
                    + " created_at, updated_at, deleted_at, deleted, image_id, request_id, user_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)")) {
                ps.setString(1, task.id());
                ps.setString(2, task.type());
                ps.setString(3, task.status().wire());
                ps.setString(4, task.owner());
                dialect.setTimestamp(ps, 5, task.expiresAt());
                dialect.setTimestamp(ps, 6, task.createdAt());
                dialect.setTimestamp(ps, 7, task.updatedAt());
                ps.setBoolean(8, false);
                ps.setString(9, task.imageId());
                ps.setString(10, task.requestId());
                ps.setString(11, task.userId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO task_info (task_id, input, result, message) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, task.id());
                ps.setString(2, task.input());
                ps.setString(3, task.result());
                ps.setString(4, task.message());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The live (not deleted) task with this id. */
    public Optional<Task> find(String id) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                    + " WHERE t.id = ? AND t.deleted = ?")) {
                ps.setString(1, id);
                ps.setBoolean(2, false);
                List<Task> found = read(ps);
                return found.stream().findFirst();
            }
        });
    }

    /** Live tasks, of one owner unless {@code owner} is null, matching the type and status if given. */
    public List<Task> list(String owner, String type, TaskStatus status) {
        return Jdbc.withConnection(dataSource, c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE t.deleted = ?");
            List<String> values = new ArrayList<>();
            if (owner != null) {
                sql.append(" AND t.owner = ?");
                values.add(owner);
            }
            if (type != null) {
                sql.append(" AND t.type = ?");
                values.add(type);
            }
            if (status != null) {
                sql.append(" AND t.status = ?");
                values.add(status.wire());
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setBoolean(1, false);
                for (int i = 0; i < values.size(); i++) {
                    ps.setString(i + 2, values.get(i));
                }
                return read(ps);
            }
        });
    }

    /** The live, unexpired tasks of an image, oldest first. */
    public List<Task> forImage(String imageId, Instant now) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE t.image_id = ?"
                    + " AND t.deleted = ? AND (t.expires_at IS NULL OR t.expires_at >= ?) ORDER BY t.created_at, t.id")) {
                ps.setString(1, imageId);
                ps.setBoolean(2, false);
                dialect.setTimestamp(ps, 3, now);
                return read(ps);
            }
        });
    }

    /** Moves a task from {@code from} to {@code to}; false if it was not in {@code from} (or is gone). */
    public boolean transition(String id, TaskStatus from, TaskStatus to, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> setStatus(c, id, from, to, null, now));
    }

    /**
     * Ends a task that is still {@code from} as success or failure with its result and message, to expire at
     * {@code expiresAt}; false if it was no longer {@code from}.
     */
    public boolean finish(String id, TaskStatus from, TaskStatus to, String result, String message, Instant now,
            Instant expiresAt) {
        if (!to.isFinal()) {
            throw new IllegalArgumentException("a task finishes as success or failure, not " + to.wire());
        }
        return Jdbc.inTransaction(dataSource, c -> {
            if (!setStatus(c, id, from, to, expiresAt, now)) {
                return false;
            }
            writeInfo(c, id, result, message);
            return true;
        });
    }

    /** Records progress of a task still processing (its updated_at is its heartbeat); false if it is not. */
    public boolean progress(String id, String result, String message, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (!setStatus(c, id, TaskStatus.PROCESSING, TaskStatus.PROCESSING, null, now)) {
                return false;
            }
            writeInfo(c, id, result, message);
            return true;
        });
    }

    /** Tells other processes that these tasks are still being run. */
    public void heartbeat(Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, c -> {
            for (String id : ids) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET updated_at = ? WHERE id = ?"
                        + " AND deleted = ? AND status IN (?, ?)")) {
                    dialect.setTimestamp(ps, 1, now);
                    ps.setString(2, id);
                    ps.setBoolean(3, false);
                    ps.setString(4, TaskStatus.PENDING.wire());
                    ps.setString(5, TaskStatus.PROCESSING.wire());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Live tasks of a type still pending or processing whose last sign of life is older than {@code cutoff}. */
    public List<Task> silentSince(String type, Instant cutoff) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE t.type = ?"
                    + " AND t.deleted = ? AND t.status IN (?, ?) AND t.updated_at < ?")) {
                ps.setString(1, type);
                ps.setBoolean(2, false);
                ps.setString(3, TaskStatus.PENDING.wire());
                ps.setString(4, TaskStatus.PROCESSING.wire());
                dialect.setTimestamp(ps, 5, cutoff);
                return read(ps);
            }
        });
    }

    /** Soft-deletes the tasks whose {@code expires_at} has passed, as upstream does; returns how many. */
    public int deleteExpired(Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET deleted = ?, deleted_at = ?"
                    + " WHERE deleted = ? AND expires_at IS NOT NULL AND expires_at <= ?")) {
                ps.setBoolean(1, true);
                dialect.setTimestamp(ps, 2, now);
                ps.setBoolean(3, false);
                dialect.setTimestamp(ps, 4, now);
                return ps.executeUpdate();
            }
        });
    }

    private boolean setStatus(Connection c, String id, TaskStatus from, TaskStatus to, Instant expiresAt,
            Instant now) throws SQLException {
        String expires = expiresAt == null ? "" : ", expires_at = ?";
        try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET status = ?, updated_at = ?" + expires
                + " WHERE id = ? AND status = ? AND deleted = ?")) {
            int i = 1;
            ps.setString(i++, to.wire());
            dialect.setTimestamp(ps, i++, now);
            if (expiresAt != null) {
                dialect.setTimestamp(ps, i++, expiresAt);
            }
            ps.setString(i++, id);
            ps.setString(i++, from.wire());
            ps.setBoolean(i, false);
            return ps.executeUpdate() == 1;
        }
    }

    private static void writeInfo(Connection c, String id, String result, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE task_info SET result = ?, message = ? WHERE task_id = ?")) {
            ps.setString(1, result);
            ps.setString(2, message);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    private List<Task> read(PreparedStatement ps) throws SQLException {
        List<Task> tasks = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String status = rs.getString("status");
                tasks.add(new Task(rs.getString("id"), rs.getString("type"),
                        TaskStatus.fromWire(status).orElseThrow(
                                () -> new IllegalStateException("task with unknown status " + status)),
                        rs.getString("owner"), dialect.getTimestamp(rs, "expires_at"),
                        dialect.getTimestamp(rs, "created_at"), dialect.getTimestamp(rs, "updated_at"),
                        rs.getString("image_id"), rs.getString("request_id"), rs.getString("user_id"),
                        rs.getString("input"), rs.getString("result"), rs.getString("message")));
            }
        }
        return tasks;
    }
}
