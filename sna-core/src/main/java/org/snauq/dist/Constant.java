package org.snauq.dist;

/** constant(value): a point mass; every quantile is the value, the density is undefined (NaN). */
final class Constant implements Distribution {

    private final double value;

    Constant(double value) {
        this.value = value;
    }

    @Override
    public double inverseCdf(double u) {
        return value;
    }

    @Override
    public double cdf(double x) {
        return x < value ? 0 : 1;
    }

    @Override
    public double density(double x) {
        return Double.NaN;
    }

    @Override
    public double mean() {
        return value;
    }

    @Override
    public double variance() {
        return 0;
    }

    @Override
    public double supportLower() {
        return value;
    }

    @Override
    public double supportUpper() {
        return value;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public String toString() {
        return "constant(value=" + value + ")";
    }
}
