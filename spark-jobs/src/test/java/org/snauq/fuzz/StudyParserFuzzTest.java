package org.snauq.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.snauq.study.BadInputException;
import org.snauq.study.StudyParserAccess;

/**
 * Coverage-guided fuzzing of the study parser (issue 18 point 3): any text is either a study or a
 * {@link BadInputException} with a one-line message; anything else (another exception, a hang, running out of
 * memory) is a finding. {@code mvn test} replays the committed inputs ({@code StudyParserFuzzTestInputs/}); the
 * {@code fuzz} profile of {@code mvn verify} fuzzes for a fixed time (docs/DECISIONS.md "Fuzzing").
 */
class StudyParserFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void parse_anyText_studyOrOneLineBadInput(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            StudyParserAccess.parse(text);
        } catch (BadInputException e) {
            Findings.checkOneLine(e);
        }
    }
}
