package org.glancej.quota;

import java.util.List;
import java.util.Map;

/** Where the unified limits come from: Keystone in production ({@link KeystoneLimits}), a map in tests. */
public interface ResourceLimits {
    /**
     * The limit of each named resource for the project, as oslo.limit's flat model resolves it: the project's own
     * limit, else the registered default, else 0. A negative limit (Keystone's -1) means unlimited.
     *
     * @param projectId the project, or null to read only the registered defaults
     * @return every requested name, in the order requested
     */
    Map<String, Long> limits(String projectId, List<String> resourceNames);
}
