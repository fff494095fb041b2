package org.glancej;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering, read from the sources' imports: infrastructure (HTTP, database, configuration, stores, policy,
 * quotas, networking) knows no feature; nothing but the wiring knows the wiring; features do not depend on each
 * other in a circle. A new dependency that breaks one of these fails here, not in a later review.
 */
class PackageDependencyTest {
    private static final Path SOURCES = Path.of("src/main/java/org/glancej");
    private static final Set<String> INFRASTRUCTURE = Set.of("common", "config", "db", "http", "auth", "keystone", "net",
            "policy", "quota", "store");
    private static final Set<String> WIRING = Set.of("app", "cli");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.glancej\\.([a-z0-9_.]+?)\\.[A-Z]",
            Pattern.MULTILINE);

    /** Top-level package of each file → the top-level packages it imports from. */
    private static Map<String, Set<String>> uses;
    private static List<String> edges;

    @BeforeAll
    static void read() throws IOException {
        uses = new TreeMap<>();
        edges = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = top(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String to = top(m.group(1));
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                        edges.add(from + " -> " + to + " (" + SOURCES.relativize(file) + ")");
                    }
                }
                uses.putIfAbsent(from, new TreeSet<>());
            }
        }
    }

    private static String top(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    @Test
    void theSourcesWereFound() {
        assertThat(uses).containsKeys("images", "store", "http", "app");
    }

    @Test
    void infrastructureKnowsNoFeature() {
        assertThat(edges).filteredOn(e -> INFRASTRUCTURE.contains(source(e)) && !INFRASTRUCTURE.contains(target(e)))
                .isEmpty();
    }

    @Test
    void onlyTheWiringKnowsTheWiring() {
        assertThat(edges).filteredOn(e -> WIRING.contains(target(e)) && !WIRING.contains(source(e))).isEmpty();
    }

    @Test
    void featuresDoNotDependOnEachOtherInACircle() {
        for (String feature : uses.keySet()) {
            assertThat(reachable(feature)).as("packages reachable from %s", feature).doesNotContain(feature);
        }
    }

    private static Set<String> reachable(String from) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(uses.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.removeLast();
            if (seen.add(next)) {
                todo.addAll(uses.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    private static String source(String edge) {
        return edge.substring(0, edge.indexOf(' '));
    }

    private static String target(String edge) {
        return edge.substring(edge.indexOf("-> ") + 3, edge.indexOf(" ("));
    }
}
