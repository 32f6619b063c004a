package io.pgha.installers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JDK modules the packaged application needs, for jlink: every module jdeps finds used by any jar of
 * the application (so a dependency added later brings its modules along), plus the modules reached only
 * through services or reflection, which jdeps cannot see. Extras that this JDK does not have are dropped
 * (jdk.crypto.ec, for one, is empty from JDK 22 on). Writes a jlink argument file: {@code --add-modules a,b,c}.
 * Usage: RuntimeModules JAR_DIRECTORY EXTRA_MODULES(comma separated) ARGUMENT_FILE
 */
public final class RuntimeModules {

    private RuntimeModules() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RuntimeModules JAR_DIRECTORY EXTRA_MODULES ARGUMENT_FILE");
        }
        List<Path> jars = jarsIn(Path.of(args[0]));
        SortedSet<String> used = jdeps(jars);
        SortedSet<String> modules = select(used, parseList(args[1]), systemModules());
        Path argFile = Path.of(args[2]);
        Files.createDirectories(argFile.toAbsolutePath().getParent());
        Files.writeString(argFile, argumentFile(modules));
        System.out.println("jdeps found in " + jars.size() + " jars: " + String.join(",", used));
        System.out.println("runtime modules: " + String.join(",", modules) + " -> " + argFile);
    }

    static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("no jars in " + dir + " to analyse");
            }
            return jars;
        }
    }

    /** The JDK modules jdeps sees the jars use, analysed for this JDK's release of multi-release jars. */
    static SortedSet<String> jdeps(List<Path> jars) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException(
                        "this Java has no jdeps: build with a full JDK 21 or newer (scripts/java-home.sh finds one)"));
        List<String> args = new ArrayList<>(List.of(
                "-q",
                "--ignore-missing-deps",
                "--multi-release",
                String.valueOf(Runtime.version().feature()),
                "--print-module-deps"));
        jars.forEach(j -> args.add(j.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        List<String> lines = out.toString()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        if (exit != 0 || lines.isEmpty()) {
            throw new IllegalStateException("jdeps failed (exit " + exit + "):\n" + out + err);
        }
        return parseList(lines.get(lines.size() - 1));
    }

    /** What jdeps found (all of it, the JDK must have it) and the extras this JDK has. */
    static SortedSet<String> select(Set<String> used, Set<String> extras, Set<String> available) {
        SortedSet<String> missing =
                used.stream().filter(m -> !available.contains(m)).collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the application uses modules this JDK lacks: " + missing
                    + "; build with a full JDK 21 or newer (scripts/java-home.sh finds one)");
        }
        SortedSet<String> modules = new TreeSet<>(used);
        extras.stream().filter(available::contains).forEach(modules::add);
        return modules;
    }

    static String argumentFile(SortedSet<String> modules) {
        if (modules.isEmpty()) {
            throw new IllegalStateException("no modules to link");
        }
        return "--add-modules " + String.join(",", modules) + System.lineSeparator();
    }

    static SortedSet<String> parseList(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> systemModules() {
        return ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor)
                .map(d -> d.name())
                .collect(Collectors.toSet());
    }
}
