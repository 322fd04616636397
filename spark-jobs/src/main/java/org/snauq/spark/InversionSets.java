package org.snauq.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.snauq.models.Table;
import org.snauq.study.BadInputException;
import org.snauq.study.InversionSpec;
import org.snauq.study.StudyException;

/**
 * The observation sets of one {@code sna invert} run, checked before any inversion: the file's values as set 0,
 * or an observation table's rows (an integer {@value InversionSpec#OBSERVATION_ID} column, distinct, and one
 * column per observation of the inversion file; other columns are ignored), sorted by observation_id. A set that
 * cannot be inverted (a value that is not finite, a QoI &lt;= 0, zero under relative noise) is one line naming
 * the table, the set and the column. Immutable.
 */
public final class InversionSets {

    /** observation_id values are read as doubles: beyond 2^53 they are no longer exact. */
    static final double MAX_ID = 9.007199254740992E15;

    /** One set: its id and its observed values, in the inversion file's observation order. */
    static final class ObservationSet implements Serializable {
        private static final long serialVersionUID = 1L;
        final long id;
        final double[] values;

        ObservationSet(long id, double[] values) {
            this.id = id;
            this.values = values;
        }
    }

    private final List<ObservationSet> sets;
    private final String source;

    private InversionSets(List<ObservationSet> sets, String source) {
        this.sets = List.copyOf(sets);
        this.source = source;
    }

    /** The file's values as the one set 0. */
    static InversionSets ofFile(InversionSpec spec, InversionPlan plan) {
        double[] y = spec.observations().stream().mapToDouble(InversionSpec.Observation::value).toArray();
        String problem = plan.problem(y);
        if (problem != null) {
            throw new StudyException(spec.fileName() + ": observations: " + problem);
        }
        return new InversionSets(List.of(new ObservationSet(0, y)), spec.fileName());
    }

    /** The rows of an observation table, sorted by observation_id. */
    public static InversionSets ofTable(Table table, InversionPlan plan) {
        String src = table.source();
        if (table.rows() == 0) {
            throw new BadInputException(src + ": the observation table has no rows");
        }
        double[] ids = table.column(InversionSpec.OBSERVATION_ID);
        List<String> names = plan.observations();
        double[][] columns = new double[names.size()][];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = table.column(names.get(i));
        }
        List<ObservationSet> sets = new ArrayList<>(table.rows());
        for (int r = 0; r < table.rows(); r++) {
            double id = ids[r];
            if (!(id == Math.rint(id) && Math.abs(id) <= MAX_ID)) {
                throw new BadInputException(src + ": " + table.rowLabel(r) + ": " + InversionSpec.OBSERVATION_ID
                        + " must be a whole number of at most 2^53 in size, got " + id);
            }
            double[] y = new double[names.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = columns[i][r];
            }
            String problem = plan.problem(y);
            if (problem != null) {
                throw new BadInputException(src + ": " + InversionSpec.OBSERVATION_ID + " " + (long) id + " ("
                        + table.rowLabel(r) + "): " + problem);
            }
            sets.add(new ObservationSet((long) id, y));
        }
        sets.sort((a, b) -> Long.compare(a.id, b.id));
        for (int k = 1; k < sets.size(); k++) {
            if (sets.get(k).id == sets.get(k - 1).id) {
                throw new BadInputException(src + ": " + InversionSpec.OBSERVATION_ID + " " + sets.get(k).id
                        + " appears more than once; each observation set needs its own id");
            }
        }
        return new InversionSets(sets, src);
    }

    List<ObservationSet> sets() {
        return sets;
    }

    int size() {
        return sets.size();
    }

    /** Where the sets came from (the inversion file or the table), for the manifest. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return sets.size() + " observation sets from " + source + (sets.isEmpty() ? "" : ", ids "
                + sets.get(0).id + ".." + sets.get(sets.size() - 1).id);
    }
}
