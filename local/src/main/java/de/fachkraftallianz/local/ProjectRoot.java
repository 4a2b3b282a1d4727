package de.fachkraftallianz.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The checkout root: the directory that holds package.json (dynalite) and template.yaml (what AWS runs). */
public final class ProjectRoot {

    /** Set by surefire, failsafe and the start profile to ${maven.multiModuleProjectDirectory}. */
    public static final String PROPERTY = "project.root";

    private ProjectRoot() {
    }

    /**
     * The system property {@value #PROPERTY} if it points at (or below) the root, otherwise the first directory
     * from the working directory upwards that holds both marker files.
     */
    public static Path find() {
        List<Path> starts = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            starts.add(Path.of(property));
        }
        starts.add(Path.of(""));
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                if (isRoot(dir)) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("Cannot find the checkout root (a directory with package.json and template.yaml)"
                + " from -D" + PROPERTY + "=" + property + " or the working directory " + Path.of("").toAbsolutePath());
    }

    static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("package.json")) && Files.isRegularFile(dir.resolve("template.yaml"));
    }
}
