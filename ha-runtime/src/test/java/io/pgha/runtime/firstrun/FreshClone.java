package io.pgha.runtime.firstrun;

import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkout as a newcomer gets it: the files git tracks (as they are in the working tree, so that uncommitted changes are
 * tested too), with their modes, and nothing built.
 */
final class FreshClone {

    private FreshClone() {}

    static Path copyTo(Path dir) {
        Path root = RepoPaths.root();
        Commands.Result files = Commands.run(Duration.ofMinutes(1), root, java.util.Map.of(), "git", "ls-files", "-z");
        if (!files.ok()) {
            throw new AssertionError("git ls-files failed: " + files.describe());
        }
        try {
            for (String name : files.stdout().split("\0")) {
                Path from = root.resolve(name);
                if (name.isEmpty() || !Files.exists(from)) {
                    continue; // deleted in the working tree
                }
                Path to = dir.resolve(name);
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The commands of the fenced block after {@code marker} in README.md, exactly as written (comments dropped). */
    static List<String> readmeCommands(Path clone, String marker) {
        List<String> lines;
        try {
            lines = Files.readAllLines(clone.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = lines.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("README.md has no " + marker + " line");
        }
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines.subList(at + 1, lines.size())) {
            if (line.startsWith("```")) {
                if (inBlock) {
                    break;
                }
                inBlock = true;
            } else if (inBlock && !line.isBlank()) {
                String command = line.replaceAll("\\s+#.*$", "").strip();
                if (!command.isEmpty() && !command.startsWith("#")) {
                    commands.add(command);
                }
            }
        }
        if (commands.isEmpty()) {
            throw new AssertionError("no command in the block after " + marker + " in README.md");
        }
        return commands;
    }
}
