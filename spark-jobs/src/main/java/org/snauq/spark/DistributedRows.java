package org.snauq.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.snauq.als.ValidationSplit;
import scala.Tuple2;
import org.snauq.stats.Mergeable;

/** The rows of a distributed ALS fit as the executors keep them, and the one pass that checks them. */
final class DistributedRows {

    private DistributedRows() {
    }

    /** Consecutive rows of one partition on one side of the validation split: D inputs and the response. */
    static final class Block implements Serializable {
        private static final long serialVersionUID = 1L;

        final int dim;
        final int rows;
        final boolean validation;
        /** Row-major rows x dim inputs. */
        final double[] x;
        final double[] y;
        /** The first row with a missing or non-finite value (0-based table index), or -1; its column (dim: y). */
        final long badRow;
        final int badColumn;

        private Block(Builder b) {
            this.dim = b.dim;
            this.rows = b.rows;
            this.validation = b.validation;
            this.x = Arrays.copyOf(b.x, b.rows * b.dim);
            this.y = Arrays.copyOf(b.y, b.rows);
            this.badRow = b.badRow;
            this.badColumn = b.badColumn;
        }

        /** The inputs of coordinate d. */
        List<Double> column(int d) {
            List<Double> out = new ArrayList<>(rows);
            for (int j = 0; j < rows; j++) {
                out.add(x[j * dim + d]);
            }
            return out;
        }

        static final class Builder {
            private final int dim;
            private final boolean validation;
            private final double[] x;
            private final double[] y;
            private int rows;
            private long badRow = -1;
            private int badColumn;

            Builder(int dim, boolean validation) {
                this.dim = dim;
                this.validation = validation;
                this.x = new double[DistributedAls.BLOCK_ROWS * dim];
                this.y = new double[DistributedAls.BLOCK_ROWS];
            }

            /** Adds a row of dim inputs then the response (null is recorded as a bad value). */
            void add(Row r, long index) {
                for (int c = 0; c <= dim; c++) {
                    double v = r.isNullAt(c) ? Double.NaN : r.getDouble(c);
                    if (!Double.isFinite(v) && badRow < 0) {
                        badRow = index;
                        badColumn = c;
                    }
                    if (c < dim) {
                        x[rows * dim + c] = v;
                    } else {
                        y[rows] = v;
                    }
                }
                rows++;
            }

            boolean isEmpty() {
                return rows == 0;
            }

            boolean full() {
                return rows == y.length;
            }

            /** The block so far; the builder starts empty again. */
            Block build() {
                Block b = new Block(this);
                rows = 0;
                badRow = -1;
                return b;
            }
        }
    }

    /**
     * A partition's (row, index) pairs as blocks, one builder per side of the split, each block handed on when
     * full, the partial ones at the end: one block per side in memory at a time.
     */
    static final class Blocking implements Iterator<Block> {
        private final Iterator<Tuple2<Row, Long>> rows;
        private final ValidationSplit split;
        private final Block.Builder train;
        private final Block.Builder valid;
        private Block next;

        Blocking(Iterator<Tuple2<Row, Long>> rows, int dim, ValidationSplit split) {
            this.rows = rows;
            this.split = split;
            this.train = new Block.Builder(dim, false);
            this.valid = new Block.Builder(dim, true);
        }

        @Override
        public boolean hasNext() {
            while (next == null && rows.hasNext()) {
                Tuple2<Row, Long> t = rows.next();
                Block.Builder b = split.isValidation(t._2) ? valid : train;
                b.add(t._1, t._2);
                if (b.full()) {
                    next = b.build();
                }
            }
            if (next == null && !train.isEmpty()) {
                next = train.build();
            }
            if (next == null && !valid.isEmpty()) {
                next = valid.build();
            }
            return next != null;
        }

        @Override
        public Block next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Block b = next;
            next = null;
            return b;
        }
    }

    /**
     * Counts, column ranges (all rows: the model's domain; training rows: the atoms' uniformity test) and the
     * first bad value, over any set of blocks.
     */
    static final class Stats implements Mergeable<Stats> {
        private static final long serialVersionUID = 1L;

        long trainRows;
        long validRows;
        /** Ranges of the D inputs and the response (index D) over all rows, and of the inputs over training rows. */
        final double[] min;
        final double[] max;
        final double[] trainMin;
        final double[] trainMax;
        long badRow = Long.MAX_VALUE;
        int badColumn;

        Stats(int dim) {
            min = filled(dim + 1, Double.POSITIVE_INFINITY);
            max = filled(dim + 1, Double.NEGATIVE_INFINITY);
            trainMin = filled(dim, Double.POSITIVE_INFINITY);
            trainMax = filled(dim, Double.NEGATIVE_INFINITY);
        }

        private static double[] filled(int n, double v) {
            double[] a = new double[n];
            Arrays.fill(a, v);
            return a;
        }

        static void add(Stats s, Block b) {
            Stats one = new Stats(b.dim);
            if (b.validation) {
                one.validRows = b.rows;
            } else {
                one.trainRows = b.rows;
            }
            if (b.badRow >= 0) {
                one.badRow = b.badRow;
                one.badColumn = b.badColumn;
            }
            for (int j = 0; j < b.rows; j++) {
                for (int c = 0; c <= b.dim; c++) {
                    double v = c < b.dim ? b.x[j * b.dim + c] : b.y[j];
                    one.min[c] = Math.min(one.min[c], v);
                    one.max[c] = Math.max(one.max[c], v);
                    if (c < b.dim && !b.validation) {
                        one.trainMin[c] = Math.min(one.trainMin[c], v);
                        one.trainMax[c] = Math.max(one.trainMax[c], v);
                    }
                }
            }
            s.combine(one);
        }

        @Override
        public Stats combine(Stats o) {
            trainRows += o.trainRows;
            validRows += o.validRows;
            for (int c = 0; c < min.length; c++) {
                min[c] = Math.min(min[c], o.min[c]);
                max[c] = Math.max(max[c], o.max[c]);
            }
            for (int c = 0; c < trainMin.length; c++) {
                trainMin[c] = Math.min(trainMin[c], o.trainMin[c]);
                trainMax[c] = Math.max(trainMax[c], o.trainMax[c]);
            }
            if (o.badRow < badRow) {
                badRow = o.badRow;
                badColumn = o.badColumn;
            }
            return this;
        }

        @Override
        public Stats copy() {
            Stats s = new Stats(trainMin.length);
            return s.combine(this);
        }

        /** The checks of the in-memory fit's data, one line naming the column and row (1-based, as the reader's). */
        void check(List<String> names, String response) {
            int dim = names.size();
            if (badRow != Long.MAX_VALUE) {
                String name = badColumn < dim ? names.get(badColumn) : response;
                throw new IllegalArgumentException("column '" + name + "' has a missing or non-finite value at row "
                        + (badRow + 1) + "; remove or fix that row");
            }
            if (trainRows < 1 || validRows < 1) {
                throw new IllegalArgumentException("too few rows to hold some out for validation: " + trainRows
                        + " training and " + validRows + " validation rows");
            }
            for (int c = 0; c <= dim; c++) {
                if (min[c] == max[c]) {
                    throw new IllegalArgumentException(c < dim
                            ? "column " + names.get(c) + " is constant (" + min[c]
                                    + " in every row): the data say nothing about it; drop the column"
                            : "response is constant (" + min[c] + " in every row): nothing to fit");
                }
            }
        }
    }
}
