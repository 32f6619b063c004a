package io.pgha.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The commands' descriptions are written as source lines of up to 120 characters; picocli prints each element as its own
 * line wrapped to the terminal, which left every line ragged at 80 columns. Here the lines of one paragraph are joined
 * so that picocli wraps the paragraph as a whole. A line starts a new paragraph after one that ends a sentence or opens
 * a list (".", ":") and at a list item ("- "); a line that starts with a space stays a line of its own.
 */
final class HelpParagraphs {

    private HelpParagraphs() {}

    static void reflow(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        spec.usageMessage().description(paragraphs(spec.usageMessage().description()));
        cli.getSubcommands().values().forEach(HelpParagraphs::reflow);
    }

    static String[] paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            boolean standalone = line.isEmpty() || line.startsWith(" ");
            boolean listItem = line.startsWith("- ");
            if (current != null && !standalone && !listItem && !endsParagraph(current)) {
                current.append(' ').append(line);
                continue;
            }
            if (current != null) {
                out.add(current.toString());
            }
            current = standalone ? null : new StringBuilder(line);
            if (standalone) {
                out.add(line);
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out.toArray(String[]::new);
    }

    private static boolean endsParagraph(CharSequence text) {
        char last = text.isEmpty() ? '.' : text.charAt(text.length() - 1);
        return last == '.' || last == ':';
    }
}
