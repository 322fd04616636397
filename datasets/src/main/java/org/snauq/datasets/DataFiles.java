package org.snauq.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.snauq.dist.InputSpec;

/**
 * Small deterministic data files made from benchmark functions, such as the shipped
 * {@code conf/data/ishigami-2000.csv}: a header of the input names and {@code y}, then one row per point.
 *
 * <p>Point j is uniform on the box of the function's (uniform) inputs, drawn from a generator seeded by a
 * hash of (seed, j), so every row is a pure function of (seed, j). Numbers are written with
 * {@link Double#toString}, which reads back to the same double; lines end with LF.
 *
 * <p>Run {@code main} from the repository root to regenerate the shipped file.
 */
public final class DataFiles {

    /** The shipped Ishigami file: 2,000 points, seed 42. */
    public static final String ISHIGAMI_FILE = "conf/data/ishigami-2000.csv";
    public static final int ISHIGAMI_ROWS = 2000;
    public static final long ISHIGAMI_SEED = 42L;

    private DataFiles() {
    }

    /**
     * The CSV text of f on n seeded uniform points.
     *
     * @throws IllegalArgumentException if an input of f is not uniform, or n &lt; 1
     */
    public static String csv(BenchmarkFunction f, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        int dim = f.dimension();
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < dim; d++) {
            InputSpec in = f.inputs().get(d);
            if (!"uniform".equals(in.dist())) {
                throw new IllegalArgumentException(f.name() + ": input " + in.name() + " must be uniform, got " + in.dist());
            }
            lower[d] = in.parameter("lower");
            upper[d] = in.parameter("upper");
            s.append(in.name()).append(',');
        }
        s.append("y\n");
        double[] x = new double[dim];
        for (int j = 0; j < n; j++) {
            SplittableRandom rng = new SplittableRandom(rowSeed(seed, j));
            for (int d = 0; d < dim; d++) {
                x[d] = lower[d] + (upper[d] - lower[d]) * rng.nextDouble();
                s.append(x[d]).append(',');
            }
            s.append(f.value(x)).append('\n');
        }
        return s.toString();
    }

    /** Writes {@link #csv} to a file. */
    public static void writeCsv(BenchmarkFunction f, int n, long seed, Path file) throws IOException {
        Files.writeString(file, csv(f, n, seed), StandardCharsets.UTF_8);
    }

    /** The shipped Ishigami data as text. */
    public static String ishigamiCsv() {
        return csv(Ishigami.standard(), ISHIGAMI_ROWS, ISHIGAMI_SEED);
    }

    /** MurmurHash3's 64-bit finaliser of seed and row: distinct rows get unrelated generator seeds. */
    static long rowSeed(long seed, long row) {
        long h = seed * 0x9E3779B97F4A7C15L + row;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** Writes the shipped Ishigami file, to the path given or to {@link #ISHIGAMI_FILE}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : ISHIGAMI_FILE);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, ishigamiCsv(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }
}
