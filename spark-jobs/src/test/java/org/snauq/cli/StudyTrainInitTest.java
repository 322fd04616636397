package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.datasets.DataFiles;
import org.snauq.datasets.Ishigami;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.SnaUqModel;
import org.snauq.models.StudyModels;
import org.snauq.models.StudyTables;
import org.snauq.study.Study;
import org.snauq.study.StudyParser;

/**
 * A warm start inside a study ({@code model: {train: {init: M.sna}}}, issue 16), as {@code sna train --init}: a
 * model of half the rows starts the study's fit on all of them; a coarser model from {@code sna train} starts a
 * finer one. CSV data: the fits run without Spark.
 */
class StudyTrainInitTest {

    /**
     * Both fits stop by the same relative-progress tests, a few ulps of progress apart: the warm one may stop a
     * little above the cold one's error, never by a visible factor (as TrainCommandTest's warm start).
     */
    private static final double WARM_ERROR_SLACK = 1.05;

    @TempDir
    Path dir;

    @Test
    void train_initFromModelOfHalfTheRows_warmStartInAtMostHalfTheSweeps() throws IOException {
        Path all = dir.resolve("ishigami.csv");
        DataFiles.writeCsv(Ishigami.standard(), 1500, 3, all);
        List<String> lines = Files.readAllLines(all);
        Path half = Files.writeString(dir.resolve("half.csv"), String.join("\n", lines.subList(0, 1 + 750)) + "\n");
        String fit = "response: y, rank: 3, degree: 3, knots: 12";
        // last night's model: the same study trained on the first half of the rows (the study's domain, so the
        // start is the old model exactly; a file from sna train covers the data's range, a little less)
        Path halfModel = dir.resolve("half.sna");
        SnaModelFile.write(((SnaUqModel) train(study(half, fit)).model()).sna(), halfModel);
        LoadedModel cold = train(study(all, fit));
        LoadedModel warm = train(study(all, fit + ", init: half.sna"));

        assertEquals(halfModel.toString(), warm.report().get("init"), "the manifest names the init file");
        assertEquals(null, cold.report().get("init"));
        long coldSweeps = ((Number) cold.report().get("sweeps")).longValue();
        long warmSweeps = ((Number) warm.report().get("sweeps")).longValue();
        assertTrue(2 * warmSweeps <= coldSweeps, "warm " + warmSweeps + " sweeps, cold " + coldSweeps);
        double coldError = ((Number) cold.report().get("validation_error")).doubleValue();
        double warmError = ((Number) warm.report().get("validation_error")).doubleValue();
        assertTrue(warmError <= WARM_ERROR_SLACK * coldError, "warm " + warmError + ", cold " + coldError);
    }

    @Test
    void train_initWithFinerKnots_refinesTheInitModel() throws IOException {
        Path all = dir.resolve("ishigami.csv");
        DataFiles.writeCsv(Ishigami.standard(), 1500, 3, all);
        Path coarse = dir.resolve("coarse.sna");
        Cli.run("train", "--data", all.toString(), "--response", "y", "--rank", "3", "--degree", "3", "--knots",
                "8", "--output", coarse.toString()).assertOk();
        LoadedModel fine = train(study(all, "response: y, rank: 3, degree: 3, knots: 16, init: coarse.sna"));
        SnaModel m = ((SnaUqModel) fine.model()).sna();
        assertEquals(16, m.basis(0).count(), "the study's knots, not the init model's");
        assertEquals(coarse.toString(), fine.report().get("init"));
    }

    private Study study(Path data, String fit) throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), "name: s\nmodel:\n  train: {data: " + data + ", " + fit
                + "}\n" + RunBadInputTest.GOOD.substring(RunBadInputTest.GOOD.indexOf("inputs:")));
        return StudyParser.parse(file, dir);
    }

    private static LoadedModel train(Study s) {
        return ModelLoader.load(s, new StudyModels(), StudyTables.reader(() -> {
            throw new AssertionError("CSV data needs no Spark");
        }));
    }
}
