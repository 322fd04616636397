package org.snauq.galerkin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A scalar function of the problem's coordinates z = (z_1..z_D): a source, a coefficient, a boundary or initial
 * value, or an exact solution. {@link #value(double[])} reads z in the problem's coordinate order;
 * {@link #variables()} names the coordinates it actually depends on.
 *
 * <p>The structure matters for the solver: a {@link Sum} or {@link Product} of parts that each depend on few
 * coordinates is separated part by part, while a {@link Function} of two or more coordinates is compressed to low
 * rank on the tensor grid of just those coordinates (see {@code FieldCompression}).
 *
 * <p>A coefficient of a nonlinear PDE may also depend on the solution u ({@link PdeProblem}): its name is then among
 * the variables and {@link #value(double[])} reads u at index D, after the D coordinates. {@link Solution} is u
 * itself, which keeps polynomials in u (Burgers' flux u^2/2, a conductivity k0 (1 + b u)) exactly separable and
 * exactly differentiable.
 *
 * <p>Implementations must be safe to call from one thread at a time; they are not called concurrently.
 */
public sealed interface Field permits Field.Constant, Field.Function, Field.Sum, Field.Product, Field.Solution {

    /** The names of the coordinates this field depends on. */
    Set<String> variables();

    /** The value at z (all D coordinates, in problem order). */
    double value(double[] z);

    static Field constant(double value) {
        return new Constant(value);
    }

    /** A function of the named coordinates; {@code function} reads them from the full point z. */
    static Field of(Set<String> variables, ToDoubleFunction<double[]> function) {
        return new Function(variables, function);
    }

    /** The solution u, named {@code name}, read at index {@code index} (= D) of the point. */
    static Field solution(String name, int index) {
        return new Solution(name, index);
    }

    static Field sum(List<Field> parts) {
        return new Sum(parts);
    }

    static Field product(List<Field> factors) {
        return new Product(factors);
    }

    /** True for the constant 0. */
    default boolean isZero() {
        return this instanceof Constant c && c.value() == 0.0;
    }

    /** A constant. */
    record Constant(double value) implements Field {
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant field must be finite, got " + value);
            }
        }

        @Override
        public Set<String> variables() {
            return Set.of();
        }

        @Override
        public double value(double[] z) {
            return value;
        }
    }

    /** A general function of a few coordinates. */
    record Function(Set<String> variables, ToDoubleFunction<double[]> function) implements Field {
        public Function {
            variables = Set.copyOf(variables);
            Objects.requireNonNull(function, "function");
        }

        @Override
        public double value(double[] z) {
            return function.applyAsDouble(z);
        }
    }

    /** The solution itself. */
    record Solution(String name, int index) implements Field {
        public Solution {
            Objects.requireNonNull(name, "solution name");
            if (index < 1) {
                throw new IllegalArgumentException("the solution is read after the coordinates, at index >= 1, got "
                        + index);
            }
        }

        @Override
        public Set<String> variables() {
            return Set.of(name);
        }

        @Override
        public double value(double[] z) {
            return z[index];
        }
    }

    /** A sum of fields. */
    record Sum(List<Field> parts) implements Field {
        public Sum {
            parts = List.copyOf(parts);
        }

        @Override
        public Set<String> variables() {
            Set<String> v = new LinkedHashSet<>();
            parts.forEach(f -> v.addAll(f.variables()));
            return v;
        }

        @Override
        public double value(double[] z) {
            double s = 0;
            for (Field f : parts) {
                s += f.value(z);
            }
            return s;
        }
    }

    /** A product of fields. */
    record Product(List<Field> factors) implements Field {
        public Product {
            factors = List.copyOf(factors);
        }

        @Override
        public Set<String> variables() {
            Set<String> v = new LinkedHashSet<>();
            factors.forEach(f -> v.addAll(f.variables()));
            return v;
        }

        @Override
        public double value(double[] z) {
            double s = 1;
            for (Field f : factors) {
                s *= f.value(z);
            }
            return s;
        }
    }
}
