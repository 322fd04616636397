package org.snauq.study;

import java.nio.file.Path;

/** Parses study text in tests of other packages. */
public final class StudyParserAccess {

    private StudyParserAccess() {
    }

    public static Study parse(String text) {
        return StudyParser.parse("k.yaml", text, Path.of("/"), Path.of("k.yaml"));
    }
}
