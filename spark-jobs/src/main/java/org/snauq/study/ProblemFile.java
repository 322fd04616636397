package org.snauq.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snauq.basis.BSplineBasis;
import org.snauq.basis.KnotVector;
import org.snauq.galerkin.Field;
import org.snauq.galerkin.PdeProblem;
import org.snauq.galerkin.PdeProblem.Coordinate;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.Role;
import org.snauq.galerkin.VsnaConfig;

/**
 * A PDE problem file ({@code conf/problems/*.yaml}, format in {@code docs/VSNA.md}) parsed and validated into a
 * {@link PdeProblem} and its {@link VsnaConfig}.
 *
 * <p>The file is read by {@link YamlLoader} (limits, strict UTF-8, duplicate keys refused). Every error is a
 * {@link StudyException} with one line naming the file, the key path and the rule,
 * e.g. {@code "heat.yaml: terms[1]: unknown term 'difusion'; known: diffusion, advection, reaction,
 * time-derivative, source"}; the command line maps it to exit code 2.
 *
 * @param source the file name used in messages
 * @param problem the PDE
 * @param solver  the solver settings
 * @param units   the units given ({@code coordinates[i].unit}, {@code output-unit}) by coordinate or output name
 */
public record ProblemFile(String source, PdeProblem problem, VsnaConfig solver, Map<String, String> units) {

    /** The model-provenance key of the units ({@code sna solve} and {@code model: {solve}} store them). */
    public static final String UNITS = "units";

    public ProblemFile {
        units = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(units)); // in file order
    }

    public ProblemFile(String source, PdeProblem problem, VsnaConfig solver) {
        this(source, problem, solver, Map.of());
    }

    /** {@code model} with this problem's units in its provenance under {@value #UNITS} (unchanged without units). */
    public org.snauq.model.SnaModel withUnits(org.snauq.model.SnaModel model) {
        if (units.isEmpty()) {
            return model;
        }
        Map<String, Object> provenance = new LinkedHashMap<>(model.provenance());
        provenance.put(UNITS, new LinkedHashMap<>(units));
        return model.withProvenance(provenance);
    }

    /** The term vocabulary. */
    public static final List<String> TERMS = List.of("diffusion", "advection", "flux-derivative", "reaction",
            "time-derivative", "source");
    private static final List<String> TOP_KEYS = List.of("name", "output", "constants", "coordinates", "terms",
            "boundary", "initial", "exact", "solver", "output-unit");
    private static final List<String> COORDINATE_KEYS = List.of("name", "interval", "role", "atoms", "degree",
            "grading", "breakpoints", Units.KEY);
    private static final List<String> SOLVER_KEYS = List.of("formulation", "max-rank", "tolerance", "rank-one-sweeps",
            "sweeps", "sweep-tolerance", "source-rank", "source-tolerance", "seed", "recompression-tolerance",
            "linearisation", "outer-iterations", "outer-tolerance");
    private static final int DEFAULT_DEGREE = 3;

    /** Reads and validates a problem file. */
    public static ProblemFile read(Path path) throws IOException {
        return parse(YamlLoader.readText(path), String.valueOf(path.getFileName()));
    }

    /** Parses problem YAML; {@code source} names the file in messages. */
    public static ProblemFile parse(String text, String source) {
        return new Parser(source).parse(YamlLoader.load(source, text));
    }

    /** Parsing state: the file name for messages and the coordinates seen so far. */
    private static final class Parser {
        private final String source;
        private final Map<String, String> units = new LinkedHashMap<>();

        Parser(String source) {
            this.source = source;
        }

        private StudyException error(String where, String message) {
            return new StudyException(source + ": " + where + (where.isEmpty() ? "" : ": ") + message);
        }

        ProblemFile parse(Object root) {
            Map<String, Object> top = map(root, "");
            checkKeys(top, TOP_KEYS, "");
            String name = string(top, "name", "");
            if (!name.matches("[a-z0-9_-]+")) {
                throw error("name", "must match [a-z0-9_-]+, got '" + name + "'");
            }
            String output = top.containsKey("output") ? string(top, "output", "") : "u";
            if (!output.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error("output", "must be an identifier (coefficients of a nonlinear PDE use it), got '" + output
                        + "'");
            }
            unit(top, "output-unit", "", output);
            Map<String, Double> constants = new LinkedHashMap<>();
            if (top.containsKey("constants")) {
                Map<String, Object> c = map(top.get("constants"), "constants");
                for (String key : c.keySet()) {
                    constants.put(key, number(c.get(key), "constants." + key));
                }
            }
            List<Coordinate> coords = coordinates(list(require(top, "coordinates", ""), "coordinates"));
            List<String> names = new ArrayList<>();
            double[] lower = new double[coords.size()];
            double[] upper = new double[coords.size()];
            for (int d = 0; d < coords.size(); d++) {
                names.add(coords.get(d).name());
                lower[d] = coords.get(d).basis().lower();
                upper[d] = coords.get(d).basis().upper();
            }
            for (String c : constants.keySet()) {
                if (names.contains(c)) {
                    throw error("constants." + c, "'" + c + "' is also a coordinate");
                }
                if (c.equals(output)) {
                    throw error("constants." + c, "'" + c + "' is also the solution's name (output)");
                }
            }
            ExpressionField expressions = new ExpressionField(names, lower, upper, constants, output);
            List<PdeProblem.Term> terms = terms(list(require(top, "terms", ""), "terms"), names, expressions);
            List<PdeProblem.Neumann> fluxes = new ArrayList<>();
            List<Dirichlet> boundary = top.containsKey("boundary")
                    ? boundary(map(top.get("boundary"), "boundary"), names, expressions, fluxes) : List.of();
            Field initial = top.containsKey("initial") ? field(top.get("initial"), "initial", expressions) : null;
            Field exact = top.containsKey("exact") ? field(top.get("exact"), "exact", expressions) : null;
            VsnaConfig solver = top.containsKey("solver") ? solver(map(top.get("solver"), "solver"))
                    : VsnaConfig.defaults();
            try {
                return new ProblemFile(source, new PdeProblem(name, coords, terms, boundary, initial, exact, output,
                        fluxes),
                        solver, units);
            } catch (IllegalArgumentException e) {
                throw new StudyException(source + ": " + e.getMessage(), e);
            }
        }

        private List<Coordinate> coordinates(List<Object> items) {
            if (items.isEmpty()) {
                throw error("coordinates", "at least one coordinate is needed");
            }
            List<Coordinate> out = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String where = "coordinates[" + i + "]";
                Map<String, Object> m = map(items.get(i), where);
                checkKeys(m, COORDINATE_KEYS, where);
                String name = string(m, "name", where);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw error(where + ".name", "must be an identifier, got '" + name + "'");
                }
                if (seen.contains(name)) {
                    throw error(where + ".name", "'" + name + "' is declared twice");
                }
                seen.add(name);
                unit(m, Units.KEY, where, name);
                List<Object> interval = list(require(m, "interval", where), where + ".interval");
                if (interval.size() != 2) {
                    throw error(where + ".interval", "must be [lower, upper], got " + interval);
                }
                double lo = number(interval.get(0), where + ".interval[0]");
                double hi = number(interval.get(1), where + ".interval[1]");
                if (!(lo < hi)) {
                    throw error(where + ".interval", "lower must be < upper, got [" + lo + ", " + hi + "]");
                }
                String roleText = string(m, "role", where);
                Role role;
                try {
                    role = Role.valueOf(roleText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw error(where + ".role", "unknown role '" + roleText + "'; known: space, time, parameter");
                }
                int degree = m.containsKey("degree") ? integer(m.get("degree"), where + ".degree") : DEFAULT_DEGREE;
                if (degree < 1 || degree > Limits.MAX_DEGREE) {
                    throw error(where + ".degree", "must lie in [1, " + Limits.MAX_DEGREE + "], got " + degree);
                }
                out.add(new Coordinate(name, role, atoms(m, where, degree, lo, hi)));
            }
            return out;
        }

        private BSplineBasis atoms(Map<String, Object> m, String where, int degree, double lo, double hi) {
            if (m.containsKey("breakpoints")) {
                if (m.containsKey("atoms") || m.containsKey("grading")) {
                    throw error(where, "give either breakpoints or atoms (with an optional grading), not both");
                }
                List<Object> b = list(m.get("breakpoints"), where + ".breakpoints");
                double[] x = new double[b.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = number(b.get(i), where + ".breakpoints[" + i + "]");
                }
                if (x.length - 1 + degree > Limits.MAX_KNOTS) {
                    throw error(where + ".breakpoints", "give at most " + (Limits.MAX_KNOTS - degree + 1)
                            + " breakpoints (" + Limits.MAX_KNOTS + " atoms), got " + x.length);
                }
                if (x.length < 2 || x[0] != lo || x[x.length - 1] != hi) {
                    throw error(where + ".breakpoints", "must start at " + lo + " and end at " + hi);
                }
                try {
                    return new BSplineBasis(KnotVector.clamped(degree, x));
                } catch (IllegalArgumentException e) {
                    throw error(where + ".breakpoints", e.getMessage());
                }
            }
            int atoms = integer(require(m, "atoms", where), where + ".atoms");
            if (atoms < degree + 1 || atoms > Limits.MAX_KNOTS) {
                throw error(where + ".atoms", "must lie in [degree + 1 = " + (degree + 1) + ", " + Limits.MAX_KNOTS
                        + "], got " + atoms);
            }
            if (!m.containsKey("grading")) {
                return BSplineBasis.clampedUniform(degree, atoms, lo, hi);
            }
            int spans = atoms - degree;
            double[] x = graded(m.get("grading"), where + ".grading", spans, lo, hi);
            try {
                return new BSplineBasis(KnotVector.clamped(degree, x));
            } catch (IllegalArgumentException e) { // a steep grading puts breakpoints closer than rounding
                throw error(where + ".grading", "gives breakpoints that are not distinct numbers (use a milder"
                        + " grading or fewer atoms): " + e.getMessage());
            }
        }

        /**
         * Breakpoints of {@code spans} spans graded by {@code grading}: a number g puts them at a + (b - a)(i/m)^g
         * (g > 1: finer near a); {@code {power: g, toward: c}} grades both sides of an interior point c the same
         * way (finer near c, e.g. at a steep internal layer), the spans shared in proportion to the sides' lengths.
         */
        private double[] graded(Object grading, String where, int spans, double lo, double hi) {
            double g;
            double c = lo;
            if (grading instanceof Map<?, ?>) {
                Map<String, Object> m = map(grading, where);
                checkKeys(m, List.of("power", "toward"), where);
                g = number(require(m, "power", where), where + ".power");
                c = number(require(m, "toward", where), where + ".toward");
                if (!(c >= lo && c <= hi)) {
                    throw error(where + ".toward", "must lie in [" + lo + ", " + hi + "], got " + c);
                }
            } else {
                g = number(grading, where);
            }
            if (!(g > 0)) {
                throw error(where, "must be > 0, got " + g);
            }
            int left = (int) Math.round(spans * (c - lo) / (hi - lo));
            if (c > lo && c < hi && (left < 1 || left > spans - 1)) {
                throw error(where, "needs at least one span on each side of " + c + ", got " + spans + " spans");
            }
            double[] x = new double[spans + 1];
            for (int i = 0; i <= left; i++) {
                x[left - i] = c - (c - lo) * Math.pow((double) i / Math.max(left, 1), g);
            }
            int right = spans - left;
            for (int i = 0; i <= right; i++) {
                x[left + i] = c + (hi - c) * Math.pow((double) i / right, g);
            }
            x[0] = lo;
            x[spans] = hi;
            return x;
        }

        private List<PdeProblem.Term> terms(List<Object> items, List<String> names, ExpressionField expressions) {
            List<PdeProblem.Term> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String where = "terms[" + i + "]";
                Map<String, Object> m = map(items.get(i), where);
                String kind = string(m, "term", where);
                switch (kind) {
                    case "diffusion" -> {
                        checkKeys(m, List.of("term", "coordinate", "coordinates", "coefficient"), where);
                        Field k = m.containsKey("coefficient")
                                ? field(m.get("coefficient"), where + ".coefficient", expressions) : Field.constant(1);
                        for (String c : coordinateList(m, where, names)) {
                            out.add(new PdeProblem.Diffusion(c, k));
                        }
                    }
                    case "advection" -> {
                        checkKeys(m, List.of("term", "coordinate", "velocity"), where);
                        String c = coordinate(m, where, names);
                        out.add(new PdeProblem.Advection(c,
                                field(require(m, "velocity", where), where + ".velocity", expressions)));
                    }
                    case "flux-derivative" -> {
                        checkKeys(m, List.of("term", "coordinate", "flux"), where);
                        String c = coordinate(m, where, names);
                        out.add(new PdeProblem.FluxDerivative(c,
                                field(require(m, "flux", where), where + ".flux", expressions)));
                    }
                    case "reaction" -> {
                        checkKeys(m, List.of("term", "coefficient"), where);
                        out.add(new PdeProblem.Reaction(
                                field(require(m, "coefficient", where), where + ".coefficient", expressions)));
                    }
                    case "time-derivative" -> {
                        checkKeys(m, List.of("term", "coordinate"), where);
                        out.add(new PdeProblem.TimeDerivative(coordinate(m, where, names)));
                    }
                    case "source" -> {
                        checkKeys(m, List.of("term", "value"), where);
                        out.add(new PdeProblem.Source(field(require(m, "value", where), where + ".value",
                                expressions)));
                    }
                    default -> throw error(where, "unknown term '" + kind + "'; known: " + String.join(", ", TERMS));
                }
            }
            return out;
        }

        private List<String> coordinateList(Map<String, Object> m, String where, List<String> names) {
            if (m.containsKey("coordinate") == m.containsKey("coordinates")) {
                throw error(where, "give exactly one of 'coordinate' or 'coordinates'");
            }
            if (m.containsKey("coordinate")) {
                return List.of(coordinate(m, where, names));
            }
            List<String> out = new ArrayList<>();
            List<Object> items = list(m.get("coordinates"), where + ".coordinates");
            for (int i = 0; i < items.size(); i++) {
                out.add(declared(scalar(items.get(i), where + ".coordinates[" + i + "]"), where + ".coordinates",
                        names));
            }
            return out;
        }

        private String coordinate(Map<String, Object> m, String where, List<String> names) {
            return declared(string(m, "coordinate", where), where + ".coordinate", names);
        }

        private String declared(String name, String where, List<String> names) {
            if (!names.contains(name)) {
                throw error(where, "coordinate '" + name + "' is not declared; declared: " + String.join(", ", names));
            }
            return name;
        }

        /** Ends given a value are Dirichlet conditions; ends given {@code {flux: g}} go to {@code fluxes}. */
        private List<Dirichlet> boundary(Map<String, Object> m, List<String> names, ExpressionField expressions,
                                         List<PdeProblem.Neumann> fluxes) {
            List<Dirichlet> out = new ArrayList<>();
            for (String c : m.keySet()) {
                String where = "boundary." + c;
                declared(c, where, names);
                Map<String, Object> sides = map(m.get(c), where);
                checkKeys(sides, List.of("lower", "upper"), where);
                Field lo = end(sides, "lower", c, where, expressions, fluxes);
                Field hi = end(sides, "upper", c, where, expressions, fluxes);
                if (lo != null || hi != null) {
                    out.add(new Dirichlet(c, lo, hi));
                }
            }
            return out;
        }

        private Field end(Map<String, Object> sides, String end, String coordinate, String where,
                          ExpressionField expressions, List<PdeProblem.Neumann> fluxes) {
            if (!sides.containsKey(end)) {
                return null;
            }
            Object value = sides.get(end);
            String at = where + "." + end;
            if (value instanceof Map<?, ?>) {
                Map<String, Object> f = map(value, at);
                checkKeys(f, List.of("flux"), at);
                Field g = field(require(f, "flux", at), at + ".flux", expressions);
                fluxes.add(new PdeProblem.Neumann(coordinate, PdeProblem.End.valueOf(end.toUpperCase(Locale.ROOT)), g));
                return null;
            }
            return field(value, at, expressions);
        }

        private Field field(Object value, String where, ExpressionField expressions) {
            if (value instanceof Number n) {
                return Field.constant(n.doubleValue());
            }
            if (value instanceof String s && !s.isBlank()) {
                try {
                    return expressions.parse(s, source + ": " + where);
                } catch (IllegalArgumentException e) { // the message names the file and key already
                    throw new StudyException(e.getMessage(), e);
                }
            }
            throw error(where, "must be a number or an expression string, got " + describe(value));
        }

        private VsnaConfig solver(Map<String, Object> m) {
            checkKeys(m, SOLVER_KEYS, "solver");
            VsnaConfig c = VsnaConfig.defaults();
            try {
                if (m.containsKey("formulation")) {
                    String f = string(m, "formulation", "solver");
                    c = c.withFormulation(switch (f) {
                        case "auto" -> VsnaConfig.Formulation.AUTO;
                        case "galerkin" -> VsnaConfig.Formulation.GALERKIN;
                        case "least-squares" -> VsnaConfig.Formulation.LEAST_SQUARES;
                        default -> throw error("solver.formulation", "unknown formulation '" + f
                                + "'; known: auto, galerkin, least-squares");
                    });
                }
                if (m.containsKey("max-rank")) {
                    c = c.withMaxRank(integer(m.get("max-rank"), "solver.max-rank"));
                }
                if (m.containsKey("tolerance")) {
                    c = c.withTolerance(number(m.get("tolerance"), "solver.tolerance"));
                }
                if (m.containsKey("rank-one-sweeps")) {
                    c = c.withRankOneSweeps(integer(m.get("rank-one-sweeps"), "solver.rank-one-sweeps"));
                }
                if (m.containsKey("sweeps")) {
                    c = c.withSweeps(integer(m.get("sweeps"), "solver.sweeps"));
                }
                if (m.containsKey("sweep-tolerance")) {
                    c = c.withSweepTolerance(number(m.get("sweep-tolerance"), "solver.sweep-tolerance"));
                }
                if (m.containsKey("source-rank")) {
                    c = c.withSourceRank(integer(m.get("source-rank"), "solver.source-rank"));
                }
                if (m.containsKey("source-tolerance")) {
                    c = c.withSourceTolerance(number(m.get("source-tolerance"), "solver.source-tolerance"));
                }
                if (m.containsKey("seed")) {
                    c = c.withSeed(integer(m.get("seed"), "solver.seed"));
                }
                if (m.containsKey("recompression-tolerance")) {
                    c = c.withRecompressionTolerance(number(m.get("recompression-tolerance"),
                            "solver.recompression-tolerance"));
                }
                if (m.containsKey("linearisation")) {
                    String l = string(m, "linearisation", "solver");
                    c = c.withLinearisation(switch (l) {
                        case "newton" -> VsnaConfig.Linearisation.NEWTON;
                        case "picard" -> VsnaConfig.Linearisation.PICARD;
                        default -> throw error("solver.linearisation", "unknown linearisation '" + l
                                + "'; known: newton, picard");
                    });
                }
                if (m.containsKey("outer-iterations")) {
                    c = c.withMaxOuterIterations(integer(m.get("outer-iterations"), "solver.outer-iterations"));
                }
                if (m.containsKey("outer-tolerance")) {
                    c = c.withOuterTolerance(number(m.get("outer-tolerance"), "solver.outer-tolerance"));
                }
            } catch (IllegalArgumentException e) { // VsnaConfig's own check of a value
                throw error("solver", e.getMessage());
            }
            return c;
        }

        // ------------------------------------------------------------ typed access

        @SuppressWarnings("unchecked")
        private Map<String, Object> map(Object o, String where) {
            if (!(o instanceof Map<?, ?> m)) {
                throw error(where, "must be a mapping, got " + describe(o));
            }
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw error(where, "keys must be strings, got " + k);
                }
            }
            return (Map<String, Object>) m;
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(Object o, String where) {
            if (!(o instanceof List<?> l)) {
                throw error(where, "must be a list, got " + describe(o));
            }
            return (List<Object>) l;
        }

        private Object require(Map<String, Object> m, String key, String where) {
            if (!m.containsKey(key) || m.get(key) == null) {
                throw error(where, "missing key '" + key + "'");
            }
            return m.get(key);
        }

        /** A unit given at {@code key} of {@code m}, checked and kept for {@code name}. */
        private void unit(Map<String, Object> m, String key, String where, String name) {
            if (m.containsKey(key)) {
                String unit = string(m, key, where);
                String problem = Units.problem(unit);
                if (problem != null) {
                    throw error(where.isEmpty() ? key : where + "." + key, problem + ", got '" + unit + "'");
                }
                units.put(name, unit);
            }
        }

        private String string(Map<String, Object> m, String key, String where) {
            Object v = require(m, key, where);
            return scalar(v, (where.isEmpty() ? "" : where + ".") + key);
        }

        private String scalar(Object v, String where) {
            if (v instanceof String s) {
                return s;
            }
            throw error(where, "must be a string, got " + describe(v));
        }

        private double number(Object v, String where) {
            if (v instanceof Number n) {
                double x = n.doubleValue();
                if (!Double.isFinite(x)) {
                    throw error(where, "must be finite, got " + x);
                }
                return x;
            }
            throw error(where, "must be a number, got " + describe(v));
        }

        private int integer(Object v, String where) {
            if (v instanceof Integer i) {
                return i;
            }
            throw error(where, "must be an integer, got " + describe(v));
        }

        private static String describe(Object v) {
            return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
        }

        private void checkKeys(Map<String, Object> m, List<String> known, String where) {
            for (String k : m.keySet()) {
                if (!known.contains(k)) {
                    throw error(where, "unknown key '" + k + "'; known: " + String.join(", ", known));
                }
            }
        }
    }
}
