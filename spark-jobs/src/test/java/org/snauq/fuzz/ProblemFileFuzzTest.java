package org.snauq.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.snauq.study.BadInputException;
import org.snauq.study.ProblemFile;

/**
 * Coverage-guided fuzzing of the PDE problem parser (issue 18 point 3): any text is a problem or a one-line
 * {@link BadInputException}; anything else is a finding. See {@link StudyParserFuzzTest} for how it runs.
 */
class ProblemFileFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void parse_anyText_problemOrOneLineBadInput(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            ProblemFile.parse(text, "p.yaml");
        } catch (BadInputException e) {
            Findings.checkOneLine(e);
        }
    }
}
