package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one-line invariant of bad-input messages (found by fuzzing: a formula spanning lines in a problem file). */
class BadInputExceptionTest {

    @Test
    void message_lineBreaks_foldedToOneSpace() {
        assertEquals("p.yaml: unknown variable 'z' in 'exp(x * z)'",
                new BadInputException("p.yaml: unknown variable 'z' in 'exp(x\n   * z)'").getMessage());
        assertEquals("a b c d e", new StudyException("a\r\nb \u2028 c\u000bd\u0085e").getMessage());
        assertEquals("one line, spaces  kept", new BadInputException(" one line, spaces  kept ").getMessage());
    }
}
