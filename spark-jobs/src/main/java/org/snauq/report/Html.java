package org.snauq.report;

import java.util.List;

/** HTML text helpers: escaping and tables whose numeric cells keep their exact value in {@code data-value}. */
final class Html {

    private Html() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A table with a header row. Cells that are {@link Number}s are shown with {@link Format#number} (or as
     * integers) and carry their exact value; {@code null} shows as an en dash.
     */
    static String table(String id, List<String> header, List<List<Object>> rows) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<table id=\"").append(escape(id)).append("\"><thead><tr>");
        for (String h : header) {
            b.append("<th>").append(escape(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<Object> row : rows) {
            b.append("<tr>");
            for (Object cell : row) {
                b.append(cell(cell));
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** A number shown as {@code text} (rounded for reading) that keeps its exact value in {@code data-value}. */
    record Shown(double value, String text) {
    }

    static String cell(Object v) {
        if (v instanceof Shown s) {
            return "<td class=\"num\" data-value=\"" + s.value() + "\">" + escape(s.text()) + "</td>";
        }
        if (v == null) {
            return "<td class=\"na\">&ndash;</td>";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "<td class=\"num\" data-value=\"" + v + "\">" + Format.integer(((Number) v).longValue()) + "</td>";
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return "<td class=\"num\" data-value=\"" + d + "\">" + escape(Format.number(d)) + "</td>";
        }
        return "<td>" + escape(String.valueOf(v)) + "</td>";
    }
}
