package org.snauq.models;

import java.util.ArrayList;
import java.util.List;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.study.BadInputException;
import org.snauq.study.DataColumn;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/**
 * Reads the values of a study's inputs built from data ({@code dist: empirical} or {@code kde} with {@code file} and
 * {@code column}) and checks them by building each law, before anything runs. A missing file or column, a column
 * that is not numeric or holds a missing or non-finite value, or too few distinct values is one line naming the
 * input and the file (exit 2).
 */
public final class InputData {

    /** Values per input at most: the sample plan ships them to every task (32 MiB). */
    public static final int MAX_VALUES = 1 << 22;

    private InputData() {
    }

    /** The study with the data values in its inputs ({@link InputSpec#data()}); the study itself when it has none. */
    public static Study read(Study study, ModelLoader.TableReader reader) {
        if (study.dataColumns().isEmpty()) {
            return study;
        }
        List<InputSpec> inputs = new ArrayList<>(study.inputs());
        for (DataColumn c : study.dataColumns()) {
            InputSpec spec = inputs.get(c.input());
            String where = study.fileName() + ": inputs[" + c.input() + "] (" + spec.name() + ", " + spec.dist()
                    + "): ";
            double[] values;
            try {
                values = reader.read(c.file(), List.of(c.column()))[0];
            } catch (BadInputException e) {
                throw new StudyException(where + e.getMessage(), e);
            }
            String source = c.file().getFileName() + " column '" + c.column() + "'";
            if (values.length > MAX_VALUES) {
                throw new StudyException(where + source + " has " + values.length + " values, at most " + MAX_VALUES
                        + " are used (give a sample of them)");
            }
            InputSpec filled = new InputSpec(spec.name(), spec.dist(), spec.parameters(), values);
            try {
                Distributions.of(filled);
            } catch (IllegalArgumentException e) {
                throw new StudyException(where + source + ": " + e.getMessage(), e);
            }
            inputs.set(c.input(), filled);
        }
        return study.withInputData(inputs);
    }
}
