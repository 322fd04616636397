package org.snauq.study;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snauq.dist.Distributions;
import org.snauq.dist.GaussianCopula;
import org.snauq.dist.InputSpec;

/**
 * The dependence of a study's inputs (key {@code correlation}, docs/SIMULATORS.md): a Gaussian copula, applied inside
 * every design (sna-core's {@code GaussianCopula} in {@code InputTransform}), so each sample stays a function of its
 * index. Written as a matrix in input order, or as pairs (the others 0), in normal space or as Spearman rank
 * correlations (converted exactly by rho = 2 sin(pi rho_S / 6)):
 * <pre>
 * correlation: [[1, 0.8], [0.8, 1]]          # normal space, rows and columns in input order
 * correlation: {spearman: [[1, 0.5], [0.5, 1]]}
 * correlation: {normal: [[x1, x2, 0.8], [x1, x3, -0.2]]}   # pairs by name
 * </pre>
 * Checked: square with one row per input, entries in [-1, 1], unit diagonal, symmetric, positive definite, no
 * constant input correlated; messages name the entries and their inputs.
 *
 * @param kind   {@code normal} or {@code spearman}: how the matrix was given
 * @param given  the matrix as given, in input order
 * @param normal the copula's normal-space correlation matrix
 */
public record Correlation(String kind, double[][] given, double[][] normal) {

    static final List<String> KINDS = List.of("normal", "spearman");
    private static final Pattern ENTRY = Pattern.compile("(?:correlation|spearman)\\[(\\d+)\\](?:\\[(\\d+)\\])?");

    public Correlation {
        given = copy(given);
        normal = copy(normal);
    }

    @Override
    public double[][] given() {
        return copy(given);
    }

    @Override
    public double[][] normal() {
        return copy(normal);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /**
     * The {@code correlation} key of a study, or null when it is absent or links no two inputs (the identity).
     *
     * @throws StudyException naming the entries and their inputs
     */
    static Correlation parse(YamlFields top, List<InputSpec> inputs) {
        if (!top.has("correlation")) {
            return null;
        }
        String kind = "normal";
        String path = "correlation";
        Object value = top.raw("correlation");
        if (value instanceof java.util.Map<?, ?>) {
            YamlFields c = top.mapping("correlation", KINDS);
            if (c.keys().size() != 1) {
                throw new StudyException(top.file() + ": correlation must have exactly one of normal, spearman, got "
                        + (c.keys().isEmpty() ? "none" : String.join(", ", c.keys())));
            }
            kind = c.keys().iterator().next();
            path = "correlation." + kind;
            value = c.raw(kind);
        }
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            throw top.error("correlation", "must be a matrix (a list of rows in input order), pairs [name, name,"
                    + " value] or {spearman: ...}", value);
        }
        List<String> names = StudyParser.names(inputs);
        double[][] m = rows.get(0) instanceof List<?> first && !first.isEmpty() && first.get(0) instanceof String
                ? pairs(top, path, rows, names) : matrix(top, path, rows);
        if (m.length != names.size()) {
            throw new StudyException(top.file() + ": " + path + " must have one row per input (" + names.size() + ": "
                    + String.join(", ", names) + "), got " + m.length);
        }
        GaussianCopula copula;
        try {
            copula = kind.equals("spearman") ? GaussianCopula.ofSpearman(m) : GaussianCopula.ofCorrelation(m);
        } catch (IllegalArgumentException e) {
            throw new StudyException(top.file() + ": " + named(e.getMessage(), path, names));
        }
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j && m[i][j] != 0 && Distributions.of(inputs.get(i)).isConstant()) {
                    throw new StudyException(top.file() + ": " + path + "[" + i + "][" + j + "] (" + names.get(i)
                            + ", " + names.get(j) + ") correlates inputs[" + i + "], which is constant");
                }
            }
        }
        return copula.isIndependent() ? null : new Correlation(kind, m, copula.correlation());
    }

    private static double[][] matrix(YamlFields top, String path, List<?> rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            String at = path + "[" + i + "]";
            if (!(rows.get(i) instanceof List<?> row)) {
                throw new StudyException(top.file() + ": " + at + " must be a row of numbers, got "
                        + YamlFields.describe(rows.get(i)));
            }
            m[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                if (!(row.get(j) instanceof Number v) || !Double.isFinite(v.doubleValue())) {
                    throw new StudyException(top.file() + ": " + at + "[" + j + "] must be a number, got "
                            + YamlFields.describe(row.get(j)));
                }
                m[i][j] = v.doubleValue();
            }
        }
        return m;
    }

    /** Pairs [a, b, value] by input name; the diagonal is 1 and the pairs not listed 0. */
    private static double[][] pairs(YamlFields top, String path, List<?> items, List<String> names) {
        int dim = names.size();
        double[][] m = new double[dim][dim];
        boolean[][] set = new boolean[dim][dim];
        for (int d = 0; d < dim; d++) {
            m[d][d] = 1;
        }
        for (int p = 0; p < items.size(); p++) {
            String at = top.file() + ": " + path + "[" + p + "]";
            if (!(items.get(p) instanceof List<?> pair) || pair.size() != 3 || !(pair.get(0) instanceof String a)
                    || !(pair.get(1) instanceof String b) || !(pair.get(2) instanceof Number v)) {
                throw new StudyException(at + " must be [input, input, value], got "
                        + YamlFields.describe(items.get(p)));
            }
            int i = names.indexOf(a);
            int j = names.indexOf(b);
            if (i < 0 || j < 0) {
                throw new StudyException(at + ": '" + YamlFields.printable(i < 0 ? a : b) + "' is not an input ("
                        + String.join(", ", names) + ")");
            }
            if (i == j) {
                throw new StudyException(at + " pairs " + a + " with itself (the diagonal is 1)");
            }
            if (set[i][j]) {
                throw new StudyException(at + " repeats the pair " + a + ", " + b);
            }
            set[i][j] = set[j][i] = true;
            m[i][j] = m[j][i] = v.doubleValue();
        }
        return m;
    }

    /** The core's message with each entry [i][j] at the study path and with its input names. */
    private static String named(String message, String path, List<String> names) {
        Matcher e = ENTRY.matcher(message);
        StringBuilder b = new StringBuilder();
        while (e.find()) {
            int i = Integer.parseInt(e.group(1));
            String who = i < names.size() ? names.get(i) : "?";
            String replacement = path + "[" + i + "]";
            if (e.group(2) != null) {
                int j = Integer.parseInt(e.group(2));
                replacement += "[" + j + "] (" + who + ", " + (j < names.size() ? names.get(j) : "?") + ")";
            } else {
                replacement += " (" + who + ")";
            }
            e.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        e.appendTail(b);
        return b.toString().replaceFirst("^(?:correlation|spearman) must", path + " must");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Correlation c && kind.equals(c.kind) && Arrays.deepEquals(given, c.given);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.deepHashCode(given);
    }

    @Override
    public String toString() {
        return "Correlation[" + kind + ", " + Arrays.deepToString(given) + "]";
    }
}
