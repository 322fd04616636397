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
