package org.snauq.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every study shipped in conf/studies parses as bin/sna would read it from the repository root. */
class ShippedStudiesTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void parse_everyShippedStudy_readsWithoutError() throws IOException {
        List<Path> studies;
        try (Stream<Path> s = Files.list(ROOT.resolve("conf/studies"))) {
            studies = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(studies.size() >= 7, studies.toString());
        for (Path p : studies) {
            StudyParser.parse(p, ROOT);
        }
    }

    @Test
    void parse_simulatorStudies_programUnderConfAndExecutable() {
        Study command = StudyParser.parse(ROOT.resolve("conf/studies/borehole-command.yaml"), ROOT);
        ModelSource.Command c = (ModelSource.Command) command.model();
        assertEquals(ROOT.resolve("conf/simulators/borehole.sh").toString(), c.command().get(0));
        assertTrue(Files.isExecutable(Path.of(c.command().get(0))));
        Study train = StudyParser.parse(ROOT.resolve("conf/studies/borehole-simulate-train.yaml"), ROOT);
        ModelSource.Simulate s = (ModelSource.Simulate) train.model();
        assertEquals(c.command(), ((ModelSource.Command) s.simulator()).command());
        assertEquals(500, s.design().n());
    }
}
