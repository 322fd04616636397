package org.snauq.dist;

/**
 * The standard normal quantile z = Phi^{-1}(p) by Wichura's algorithm AS 241 (PPND16): rational approximations
 * in q = p - 1/2 for |q| &lt;= 0.425 and in r = sqrt(-ln min(p, 1-p)) beyond, relative error about 1e-16
 * (M. J. Wichura, "The percentage points of the normal distribution", Applied Statistics 37(3), 477-484, 1988).
 *
 * <p>Used instead of Commons Math's {@code NormalDistribution.inverseCumulativeProbability}, which goes through
 * erfInv(2p - 1) and so loses the relative accuracy of small p (2p - 1 rounds towards -1). {@link #upper(double)}
 * takes an upper-tail mass directly, for the far right tail. No allocation, thread safe.
 */
final class NormalQuantile {

    private NormalQuantile() {
    }

    /** Phi^{-1}(p); -infinity at 0, +infinity at 1, NaN outside [0, 1]. */
    static double of(double p) {
        if (!(p > 0 && p < 1)) {
            return p == 0 ? Double.NEGATIVE_INFINITY : p == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.3871328727963666080)
                    / (((((((5226.4952788528545610 * r + 28729.085735721942674) * r + 39307.895800092710610) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.18700749205790830) * r
                    + 42.313330701600911252) * r + 1.0);
        }
        double tail = tail(q < 0 ? p : 1 - p);
        return q < 0 ? -tail : tail;
    }

    /** -Phi^{-1}(t) = Phi^{-1}(1 - t) for an upper-tail mass t in (0, 1/2], without forming 1 - t. */
    static double upper(double t) {
        return -of(t);
    }

    /** |Phi^{-1}(t)| for a tail mass t &lt; 0.075 (AS 241's two outer regions). */
    private static double tail(double t) {
        double r = Math.sqrt(-Math.log(t));
        if (r <= 5.0) {
            r -= 1.6;
            return (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r
                    + 5.76949722146069140550) * r + 4.63033784615654529590) * r + 1.42343711074968357734)
                    / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r
                    + 1.67638483018380384940) * r + 2.05319162663775882187) * r + 1.0);
        }
        r -= 5.0;
        return (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r
                + 1.78482653991729133580) * r + 5.46378491116411436990) * r + 6.65790464350110377720)
                / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r
                + 1.36929880922735805310e-1) * r + 5.99832206555887937690e-1) * r + 1.0);
    }
}
