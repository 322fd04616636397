package org.snauq.report;

import java.util.Locale;

/** How numbers are shown: six significant digits in tables, fewer on axes. Locale-independent. */
final class Format {

    /** Digits shown in tables: enough to compare runs, short enough to read. */
    static final int DIGITS = 6;

    private Format() {
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s = a >= 1e-4 && a < 1e7 ? String.format(Locale.ROOT, "%." + DIGITS + "g", v)
                : String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v);
        return trimZeros(s);
    }

    /** {@code v} to {@code digits} significant digits, trailing zeros dropped ("0.541", "173.7", "2.5e-05"). */
    static String significant(double v, int digits) {
        return Double.isFinite(v) && v != 0 ? trimZeros(significantDigits(v, digits)) : number(v);
    }

    /** {@code v} to {@code digits} significant digits, trailing zeros kept so a column reads evenly ("0.8900"). */
    static String column(double v, int digits) {
        return Double.isFinite(v) && v != 0 ? significantDigits(v, digits) : number(v);
    }

    private static String significantDigits(double v, int digits) {
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e7 ? new java.math.BigDecimal(v).round(new java.math.MathContext(digits))
                .toPlainString() : String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }

    /**
     * A value of an evenly spaced grid with {@code step} between neighbours: one decimal more than the step's
     * leading digit needs, so neighbours read apart and the binary noise of {@code from + i * step} does not show
     * ({@code 173.68421052631578} with a step of 7.89 reads "173.7").
     */
    static String onGrid(double v, double step) {
        if (!(step > 0) || !Double.isFinite(step)) {
            return number(v);
        }
        int decimals = (int) Math.max(0, 1 - Math.floor(Math.log10(step)));
        return trimZeros(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }

    /**
     * A probability: three decimals from 0.01 up ("0.540", "0.052"), which tell designs apart at the sample
     * sizes swept and line up in a column; two significant digits below ("0.0031", "2.5e-06").
     */
    static String probability(double p) {
        if (!Double.isFinite(p)) {
            return number(p);
        }
        return Math.abs(p) >= 0.01 || p == 0 ? String.format(Locale.ROOT, "%.3f", p) : significant(p, 2);
    }

    static String integer(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** Axis labels: at most four significant digits. */
    static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s = a >= 1e-3 && a < 1e6 ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.2e", v);
        return trimZeros(s);
    }

    /** "1.50000" -> "1.5", "2.000e+03" -> "2e+03"; integers keep their digits. */
    private static String trimZeros(String s) {
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }
}
