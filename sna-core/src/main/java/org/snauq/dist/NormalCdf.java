package org.snauq.dist;

/**
 * The standard normal CDF Phi(z) by W. J. Cody's rational Chebyshev approximations (Cody, "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 631-637, 1969; ANORM of ALGORITHM 715, ACM TOMS 19,
 * 22-32, 1993): |z| &lt;= 0.66291 as 1/2 + z R1(z^2), up to sqrt(32) as e^{-z^2/2} R2(|z|), beyond as
 * e^{-z^2/2} (1/sqrt(2 pi) - R3(1/z^2)/z^2) / |z|, with e^{-z^2/2} split so its argument is exact. The smaller tail
 * keeps full relative accuracy (about 1e-16); the other is 1 minus it. Allocation-free, thread safe: the copula's
 * hot path (Commons Math's erf builds a continued fraction object per call).
 */
final class NormalCdf {

    private static final double[] A = {2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
            18154.981253343561249, 0.065682337918207449113};
    private static final double[] B = {47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
            45507.789335026729956};
    private static final double[] C = {0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
            597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124,
            9842.7148383839780218, 1.0765576773720192317e-8};
    private static final double[] D = {22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
            6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411,
            19685.429676859990727};
    private static final double[] P = {0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
            0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
            0.00378239633202758244, 7.29751555083966205e-5};
    private static final double ONE_OVER_SQRT_2PI = 0.39894228040143267794;
    /** Phi(0.66291) = 0.75: below it the central form, beyond it the tail forms. */
    private static final double CENTRAL = 0.66291;
    private static final double ROOT32 = 5.656854248;
    /** Beyond |z| = 38.5 the smaller tail underflows to 0. */
    private static final double UNDERFLOW = 38.5;

    private NormalCdf() {
    }

    /** Phi(z); 0 at -infinity, 1 at +infinity, NaN for NaN. */
    static double of(double z) {
        double y = Math.abs(z);
        if (y <= CENTRAL) {
            double zsq = z * z;
            double num = A[4] * zsq;
            double den = zsq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * zsq;
                den = (den + B[i]) * zsq;
            }
            return 0.5 + z * (num + A[3]) / (den + B[3]);
        }
        double tail = smallerTail(y);
        return z > 0 ? 1 - tail : tail;
    }

    /** Phi(-y) for y &gt; 0.66291 (NaN stays NaN). */
    private static double smallerTail(double y) {
        if (!(y <= UNDERFLOW)) {
            return y > UNDERFLOW ? 0 : Double.NaN;
        }
        double r;
        if (y <= ROOT32) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            r = (num + C[7]) / (den + D[7]);
        } else {
            double inv = 1 / (y * y);
            double num = P[5] * inv;
            double den = inv;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * inv;
                den = (den + Q[i]) * inv;
            }
            r = (ONE_OVER_SQRT_2PI - inv * (num + P[4]) / (den + Q[4])) / y;
        }
        // e^{-y^2/2} as e^{-s^2/2} e^{-(y-s)(y+s)/2} with s = y rounded down to 1/16: s^2 is exact, so the
        // large exponent carries no rounding error
        double s = Math.floor(y * 16) / 16;
        return Math.exp(-s * s * 0.5) * Math.exp(-(y - s) * (y + s) * 0.5) * r;
    }
}
