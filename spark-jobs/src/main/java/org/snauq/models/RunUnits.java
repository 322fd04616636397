package org.snauq.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snauq.model.SnaModel;
import org.snauq.study.ProblemFile;
import org.snauq.study.Study;
import org.snauq.study.StudyException;
import org.snauq.study.SweepSpec;
import org.snauq.study.Units;

/**
 * The units of a run, by name (inputs, design inputs, model coordinates and outputs, QoIs: the names are distinct,
 * so one map serves them all): first those stored with an SNA model (from its problem file's
 * {@code coordinates[i].unit} and {@code output-unit}, by {@code sna solve} or {@code model: {solve}}), then the
 * study's {@code units:} mapping, then its {@code inputs[i].unit}, each later one winning. Names without a unit
 * are absent. The manifest carries the map under {@code units}, every table file as Parquet key-value metadata,
 * and the report shows it on axes and table headers.
 */
public final class RunUnits {

    /** Key of the units in a {@link LoadedModel#report()} (and so in the manifest's {@code model}). */
    public static final String REPORT_KEY = ProblemFile.UNITS;

    private RunUnits() {
    }

    /**
     * The run's units.
     *
     * @throws StudyException when the study's {@code units:} names something the run does not have
     */
    public static Map<String, String> of(Study study, LoadedModel loaded) {
        Set<String> known = new LinkedHashSet<>(study.inputNames());
        known.addAll(loaded.model().inputNames());
        known.addAll(loaded.model().outputs());
        SweepSpec sweep = study.sweep();
        if (sweep != null) {
            known.addAll(sweep.designInputs());
            for (String output : loaded.model().outputs()) {
                known.addAll(sweep.qois(output));
            }
        }
        for (String name : Units.named(study)) {
            if (!known.contains(name)) {
                throw new StudyException(study.fileName() + ": " + Units.MAPPING + "." + name + " names nothing in"
                        + " this run; the names are " + String.join(", ", new ArrayList<>(known)));
            }
        }
        Map<String, String> units = new LinkedHashMap<>();
        if (loaded.report().get(REPORT_KEY) instanceof Map<?, ?> model) {
            model.forEach((name, unit) -> units.put(String.valueOf(name), String.valueOf(unit)));
        }
        units.putAll(Units.of(study));
        return units;
    }

    /** The units an SNA model stores in its provenance ({@value #REPORT_KEY}), if any. */
    public static Optional<Map<String, String>> fromProvenance(SnaModel model) {
        if (!(model.provenance().get(REPORT_KEY) instanceof Map<?, ?> stored) || stored.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> units = new LinkedHashMap<>();
        stored.forEach((name, unit) -> units.put(String.valueOf(name), String.valueOf(unit)));
        return Optional.of(units);
    }
}
