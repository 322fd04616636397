package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.snauq.basis.BSplineBasis;

/**
 * A PDE on a box whose coordinates mix space, time and parameters, written as a sum of terms from a fixed
 * vocabulary (METHOD.md section 3):
 *
 * <pre>  sum of  -d/dz_d (k(z, u) du/dz_d)   (diffusion along z_d, coefficient k)
 *          + a(z, u) du/dz_d             (advection along z_d, velocity a; a = u is Burgers' u u_x)
 *          + d/dz_d f(z, u)              (flux derivative, = f_u(z, u) du/dz_d: conservative form of advection)
 *          + c(z, u) u                   (reaction)
 *          + du/dt                       (time derivative)
 *        = f(z)                          (sum of the sources)</pre>
 *
 * <p>Coefficients, velocities and fluxes may depend on the solution itself, named by {@code output} among their
 * variables (with {@link Field#value} reading it after the D coordinates): the PDE is then nonlinear and
 * {@link Vsna} linearises it around each iterate. Sources, boundary, initial and flux data and the exact solution
 * may not depend on it (a nonlinear term the formulation does not support, rejected here).
 *
 * with Dirichlet conditions u = g on chosen ends of chosen coordinates, flux (Neumann) conditions k du/dn = g on
 * other ends (n the outward normal, so g is the flux into the box; g = 0 is an insulated face), and an initial
 * condition u = u0 at the lower end of the time coordinate. Parameter coordinates carry no derivatives: the solution is the family of
 * solutions over the parameter box, as one SNA.
 *
 * <p>Validation (compact constructor, one-line messages): distinct coordinate names; every term, condition and
 * field refers to declared coordinates; every diffusion coordinate has a condition (Dirichlet or flux, not both) at
 * both ends, and flux conditions sit only on diffusion coordinates; a time derivative
 * acts on a coordinate of role time and comes with an initial condition that does not depend on that coordinate.
 *
 * @param name        problem name (for provenance)
 * @param coordinates the coordinates with their atoms, in model order
 * @param terms       the PDE terms
 * @param boundary    Dirichlet conditions, at most one entry per coordinate
 * @param initial     u at the lower end of the time coordinate, or null without a time derivative
 * @param exact       the exact solution for error reports, or null
 * @param output      name of the solution in the model
 * @param fluxes      flux conditions, at most one per end
 */
public record PdeProblem(String name, List<Coordinate> coordinates, List<Term> terms, List<Dirichlet> boundary,
                         Field initial, Field exact, String output, List<Neumann> fluxes) {

    /** What a coordinate is; time coordinates carry the initial condition at their lower end. */
    public enum Role {
        SPACE, TIME, PARAMETER
    }

    /** A coordinate, its role and its atoms. */
    public record Coordinate(String name, Role role, BSplineBasis basis) {
        public Coordinate {
            Objects.requireNonNull(name, "coordinate name");
            Objects.requireNonNull(role, "role of " + name);
            Objects.requireNonNull(basis, "atoms of " + name);
        }
    }

    /** One term of the PDE. */
    public sealed interface Term permits Diffusion, Advection, FluxDerivative, Reaction, TimeDerivative, Source {
    }

    /** -d/dz (k du/dz) along {@code coordinate}. */
    public record Diffusion(String coordinate, Field coefficient) implements Term {
    }

    /** a du/dz along {@code coordinate}. */
    public record Advection(String coordinate, Field velocity) implements Term {
    }

    /** d/dz f along {@code coordinate}, f a function of u and the other coordinates. */
    public record FluxDerivative(String coordinate, Field flux) implements Term {
    }

    /** c u. */
    public record Reaction(Field coefficient) implements Term {
    }

    /** du/dt along the time coordinate. */
    public record TimeDerivative(String coordinate) implements Term {
    }

    /** The right-hand side f (several sources add up). */
    public record Source(Field value) implements Term {
    }

    /**
     * Dirichlet values at the ends of a coordinate; null leaves that end free.
     *
     * @param lower u at z_d = a_d, a field of the other coordinates
     * @param upper u at z_d = b_d
     */
    public record Dirichlet(String coordinate, Field lower, Field upper) {
    }

    /** An end of a coordinate's interval. */
    public enum End {
        LOWER, UPPER
    }

    /**
     * A flux condition k du/dn = g at one end of a coordinate, n the outward normal: g is the flux into the box
     * (g = 0: insulated). In the weak form it adds the load int_face g v, a natural condition that leaves the atoms
     * free.
     *
     * @param flux g, a field of the other coordinates
     */
    public record Neumann(String coordinate, End end, Field flux) {
        public Neumann {
            Objects.requireNonNull(coordinate, "flux coordinate");
            Objects.requireNonNull(end, "flux end");
            Objects.requireNonNull(flux, "flux value");
        }
    }

    public PdeProblem {
        Objects.requireNonNull(name, "name");
        coordinates = List.copyOf(coordinates);
        terms = List.copyOf(terms);
        boundary = List.copyOf(boundary);
        fluxes = List.copyOf(fluxes);
        Objects.requireNonNull(output, "output");
        validate(coordinates, terms, boundary, initial, exact, output);
        validateFluxes(coordinates, terms, boundary, fluxes, output);
    }

    /** A problem with Dirichlet conditions only. */
    public PdeProblem(String name, List<Coordinate> coordinates, List<Term> terms, List<Dirichlet> boundary,
                      Field initial, Field exact, String output) {
        this(name, coordinates, terms, boundary, initial, exact, output, List.of());
    }

    /** The flux condition at an end, or null. */
    public Neumann fluxAt(String coordinate, End end) {
        for (Neumann f : fluxes) {
            if (f.coordinate().equals(coordinate) && f.end() == end) {
                return f;
            }
        }
        return null;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        coordinates.forEach(c -> names.add(c.name()));
        return names;
    }

    /** Index of the named coordinate, or -1. */
    public int indexOf(String coordinate) {
        return names().indexOf(coordinate);
    }

    /** The condition on a coordinate, or null. */
    public Dirichlet boundaryOf(String coordinate) {
        for (Dirichlet b : boundary) {
            if (b.coordinate().equals(coordinate)) {
                return b;
            }
        }
        return null;
    }

    /** True when the weak form is symmetric (no advection, no time derivative). */
    public boolean isSymmetric() {
        return terms.stream().noneMatch(t -> t instanceof Advection || t instanceof FluxDerivative
                || t instanceof TimeDerivative);
    }

    /** The index and a description of the first term that depends on the solution, or null for a linear PDE. */
    public String firstNonlinearTerm() {
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            Field f = t instanceof Diffusion d ? d.coefficient() : t instanceof Advection a ? a.velocity()
                    : t instanceof FluxDerivative fd ? fd.flux() : t instanceof Reaction r ? r.coefficient() : null;
            if (f != null && f.variables().contains(output)) {
                return "terms[" + i + "] (" + kind(t) + ")";
            }
        }
        return null;
    }

    /** True when a coefficient, velocity or flux depends on the solution. */
    public boolean isNonlinear() {
        return firstNonlinearTerm() != null;
    }

    /** The term's name in the problem-file vocabulary. */
    static String kind(Term t) {
        return t instanceof Diffusion ? "diffusion" : t instanceof Advection ? "advection"
                : t instanceof FluxDerivative ? "flux-derivative" : t instanceof Reaction ? "reaction"
                : t instanceof TimeDerivative ? "time-derivative" : "source";
    }

    private static void validate(List<Coordinate> coordinates, List<Term> terms, List<Dirichlet> boundary,
                                 Field initial, Field exact, String output) {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("coordinates: at least one is needed");
        }
        List<String> names = new ArrayList<>();
        for (Coordinate c : coordinates) {
            if (names.contains(c.name())) {
                throw new IllegalArgumentException("coordinates: name '" + c.name() + "' is declared twice");
            }
            names.add(c.name());
        }
        if (names.contains(output)) {
            throw new IllegalArgumentException("output: the solution '" + output + "' cannot also be a coordinate");
        }
        if (terms.stream().noneMatch(t -> !(t instanceof Source))) {
            throw new IllegalArgumentException("terms: the PDE needs at least one operator term (diffusion, advection,"
                    + " reaction or time-derivative)");
        }
        String time = null;
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            String where = "terms[" + i + "]";
            if (t instanceof Diffusion d) {
                checkCoordinate(names, d.coordinate(), where);
                checkCoefficient(names, output, d.coefficient(), where + ".coefficient");
            } else if (t instanceof Advection a) {
                checkCoordinate(names, a.coordinate(), where);
                checkCoefficient(names, output, a.velocity(), where + ".velocity");
            } else if (t instanceof FluxDerivative fd) {
                checkCoordinate(names, fd.coordinate(), where);
                checkCoefficient(names, output, fd.flux(), where + ".flux");
                if (fd.flux().variables().contains(fd.coordinate())) {
                    throw new IllegalArgumentException(where + ".flux: unsupported nonlinear term: a flux along '"
                            + fd.coordinate() + "' that also depends on '" + fd.coordinate() + "'; write the explicit"
                            + " part as a source");
                }
            } else if (t instanceof Reaction r) {
                checkCoefficient(names, output, r.coefficient(), where + ".coefficient");
            } else if (t instanceof TimeDerivative td) {
                checkCoordinate(names, td.coordinate(), where);
                Coordinate c = coordinates.get(names.indexOf(td.coordinate()));
                if (c.role() != Role.TIME) {
                    throw new IllegalArgumentException(where + ": time derivative along '" + c.name()
                            + "' needs role time, got " + c.role().name().toLowerCase());
                }
                if (time != null && !time.equals(c.name())) {
                    throw new IllegalArgumentException(where + ": only one time coordinate, got " + time + " and "
                            + c.name());
                }
                time = c.name();
            } else if (t instanceof Source s) {
                checkData(names, output, s.value(), where + ".value", "a source");
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < boundary.size(); i++) {
            Dirichlet b = boundary.get(i);
            String where = "boundary[" + i + "]";
            checkCoordinate(names, b.coordinate(), where);
            if (!seen.add(b.coordinate())) {
                throw new IllegalArgumentException(where + ": coordinate '" + b.coordinate() + "' has two entries");
            }
            for (Field f : new Field[] {b.lower(), b.upper()}) {
                if (f != null) {
                    checkData(names, output, f, where, "a boundary value");
                    if (f.variables().contains(b.coordinate())) {
                        throw new IllegalArgumentException(where + ": the value on a boundary of '" + b.coordinate()
                                + "' cannot depend on '" + b.coordinate() + "'");
                    }
                }
            }
        }
        if (time != null) {
            if (initial == null) {
                throw new IllegalArgumentException("initial: a time derivative along '" + time
                        + "' needs an initial condition");
            }
            checkData(names, output, initial, "initial", "an initial condition");
            if (initial.variables().contains(time)) {
                throw new IllegalArgumentException("initial: the initial condition cannot depend on '" + time + "'");
            }
        } else if (initial != null) {
            throw new IllegalArgumentException("initial: given, but the PDE has no time derivative");
        }
        if (exact != null) {
            checkData(names, output, exact, "exact", "the exact solution");
        }
    }

    private static void validateFluxes(List<Coordinate> coordinates, List<Term> terms, List<Dirichlet> boundary,
                                       List<Neumann> fluxes, String output) {
        List<String> names = new ArrayList<>();
        coordinates.forEach(c -> names.add(c.name()));
        Set<String> diffusion = new HashSet<>();
        terms.stream().filter(t -> t instanceof Diffusion).forEach(t -> diffusion.add(((Diffusion) t).coordinate()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fluxes.size(); i++) {
            Neumann f = fluxes.get(i);
            String where = "fluxes[" + i + "]";
            checkCoordinate(names, f.coordinate(), where);
            String end = f.end().name().toLowerCase();
            if (!seen.add(f.coordinate() + "." + end)) {
                throw new IllegalArgumentException(where + ": the " + end + " end of '" + f.coordinate()
                        + "' has two flux conditions");
            }
            if (!diffusion.contains(f.coordinate())) {
                throw new IllegalArgumentException(where + ": a flux condition on '" + f.coordinate()
                        + "' needs a diffusion term along it");
            }
            checkData(names, output, f.flux(), where, "a boundary flux");
            if (f.flux().variables().contains(f.coordinate())) {
                throw new IllegalArgumentException(where + ": the flux on a boundary of '" + f.coordinate()
                        + "' cannot depend on '" + f.coordinate() + "'");
            }
            Dirichlet b = boundary.stream().filter(x -> x.coordinate().equals(f.coordinate())).findFirst()
                    .orElse(null);
            if (b != null && (f.end() == End.LOWER ? b.lower() : b.upper()) != null) {
                throw new IllegalArgumentException(where + ": the " + end + " end of '" + f.coordinate()
                        + "' has both a value and a flux; give one");
            }
        }
        for (String c : names) {
            if (!diffusion.contains(c)) {
                continue;
            }
            Dirichlet b = boundary.stream().filter(x -> x.coordinate().equals(c)).findFirst().orElse(null);
            for (End e : End.values()) {
                boolean value = b != null && (e == End.LOWER ? b.lower() : b.upper()) != null;
                if (!value && !seen.contains(c + "." + e.name().toLowerCase())) {
                    throw new IllegalArgumentException("boundary: missing boundary condition for diffusion coordinate '"
                            + c + "' (both ends need a value or a flux)");
                }
            }
        }
    }

    private static void checkCoordinate(List<String> names, String name, String where) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException(where + ": coordinate '" + name + "' is not declared; declared: "
                    + String.join(", ", names));
        }
    }

    /** A coefficient, velocity or flux: a field of the coordinates and the solution. */
    private static void checkCoefficient(List<String> names, String output, Field f, String where) {
        Objects.requireNonNull(f, where);
        for (String v : f.variables()) {
            if (!names.contains(v) && !v.equals(output)) {
                throw new IllegalArgumentException(where + ": coordinate '" + v + "' is not declared; declared: "
                        + String.join(", ", names) + " (and the solution '" + output + "')");
            }
        }
    }

    /** Data of the problem (not coefficients): may not depend on the solution. */
    private static void checkData(List<String> names, String output, Field f, String where, String what) {
        if (f != null && f.variables().contains(output)) {
            throw new IllegalArgumentException(where + ": unsupported nonlinear term: " + what + " cannot depend on the"
                    + " solution '" + output + "' (only diffusion coefficients, advection velocities, fluxes and"
                    + " reaction coefficients may)");
        }
        checkField(names, f, where);
    }

    private static void checkField(List<String> names, Field f, String where) {
        Objects.requireNonNull(f, where);
        for (String v : f.variables()) {
            checkCoordinate(names, v, where);
        }
    }
}
