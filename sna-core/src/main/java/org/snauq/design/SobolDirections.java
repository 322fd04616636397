package org.snauq.design;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sobol' direction numbers v_{d,c} (c = 0..63) as 64-bit binary fractions, from the Joe-Kuo "new-joe-kuo-6"
 * table shipped inside Commons Math 3 (the same numbers its {@code SobolSequenceGenerator} uses, there with
 * 52 bits).
 *
 * <p>Coordinate 0 is the van der Corput sequence, v_{0,c} = 2^(63-c). Coordinate d &gt;= 1 reads its primitive
 * polynomial (degree s, coefficients a) and initial m_1..m_s, sets v_c = m_{c+1} 2^(63-c) for c &lt; s and
 * v_c = v_{c-s} ^ (v_{c-s} &gt;&gt;&gt; s) ^ XOR_{k=1}^{s-1} a_k v_{c-k} above (Bratley and Fox, ACM TOMS 14,
 * 1988, eq. 2; Joe and Kuo, SIAM J. Sci. Comput. 30, 2008, doi:10.1137/070709359). 64 bits support indices
 * below 2^64; the first 52 bits agree exactly with Commons Math.
 */
final class SobolDirections {

    /** Dimensions in the table Commons Math ships. */
    static final int MAX_DIMENSION = 1000;
    static final int BITS = 64;
    private static final String RESOURCE = "/assets/org/apache/commons/math3/random/new-joe-kuo-6.1000";

    private SobolDirections() {
    }

    /** v[d][c] for d &lt; MAX_DIMENSION, loaded once. */
    static long[][] table() {
        return Holder.TABLE;
    }

    private static final class Holder {
        static final long[][] TABLE = load();
    }

    private static long[][] load() {
        long[][] v = new long[MAX_DIMENSION][BITS];
        for (int c = 0; c < BITS; c++) {
            v[0][c] = 1L << (BITS - 1 - c);
        }
        try (InputStream in = SobolDirections.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Joe-Kuo direction numbers not found on the class path: " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // header: d s a m_i
            int d = 1;
            for (String line = reader.readLine(); line != null && d < MAX_DIMENSION; line = reader.readLine()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4) {
                    continue;
                }
                int s = Integer.parseInt(f[1]);
                int a = Integer.parseInt(f[2]);
                long[] row = v[d];
                for (int c = 0; c < s; c++) {
                    row[c] = Long.parseLong(f[3 + c]) << (BITS - 1 - c);
                }
                for (int c = s; c < BITS; c++) {
                    long x = row[c - s] ^ (row[c - s] >>> s);
                    for (int k = 1; k < s; k++) {
                        x ^= ((a >>> (s - 1 - k)) & 1) * row[c - k];
                    }
                    row[c] = x;
                }
                d++;
            }
            if (d != MAX_DIMENSION) {
                throw new IllegalStateException("Joe-Kuo table has " + d + " dimensions, expected " + MAX_DIMENSION);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return v;
    }
}
