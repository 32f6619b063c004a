package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpParagraphsTest {

    @Test
    void linesOfOneSentenceAreJoinedAndANewSentenceAfterAFullStopStartsAParagraph() {
        assertThat(HelpParagraphs.paragraphs(new String[] {
                    "Make a new stack from a backup, leaving the",
                    "stack as it is.",
                    "With --in-place: the stack itself."
                }))
                .containsExactly(
                        "Make a new stack from a backup, leaving the stack as it is.",
                        "With --in-place: the stack itself.");
    }

    @Test
    void aColonOpensAListOfIndentedLinesOrDashedItemsThatTheirNextLinesContinue() {
        assertThat(HelpParagraphs.paragraphs(
                        new String[] {"Examples:", "  pgha up", "- one", "--yes joins", "- two.", "Then", "more", ""}))
                .containsExactly("Examples:", "  pgha up", "- one --yes joins", "- two.", "Then more", "");
    }

    @Test
    void theDescriptionIsWrappedAsParagraphsWithinEightyColumns() {
        StringWriter out = new StringWriter();
        int code = Main.run(
                new String[] {"restore", "--help"},
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));

        assertThat(code).isZero();
        List<String> description = out.toString()
                .lines()
                .dropWhile(l -> !l.startsWith("Make a new stack"))
                .takeWhile(l -> !l.startsWith(" "))
                .toList();
        assertThat(description)
                .hasSizeGreaterThan(5)
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(description)
                .as("a line that does not end a paragraph fills the width (no ragged source lines)")
                .filteredOn(l -> !l.endsWith(".") && !l.endsWith(":"))
                .allSatisfy(l -> assertThat(l.length()).isGreaterThan(60));
        assertThat(String.join(" ", description))
                .contains("leaving that stack as it is: the leader restored with pgBackRest");
    }
}
