package org.snauq.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Small real executables for the tests of external models: POSIX shell scripts running awk, which compute the
 * borehole and piston functions (the formulas of {@code org.snauq.datasets.Borehole} and {@code Piston}) over the
 * line protocols, some of them failing on purpose. Each reads the header (csv) or keys (jsonl) by name, so the
 * inputs may come in any order. awk prints with {@code %.17g}, which round-trips doubles.
 */
public final class TestSimulators {

    /** The study inputs of borehole (the standard laws of org.snauq.datasets.Borehole). */
    public static final String BOREHOLE_INPUTS = """
              - {name: rw, dist: normal, mean: 0.10, sd: 0.0161812}
              - {name: r, dist: lognormal, mu: 7.71, sigma: 1.0056}
              - {name: Tu, dist: uniform, lower: 63070, upper: 115600}
              - {name: Hu, dist: uniform, lower: 990, upper: 1110}
              - {name: Tl, dist: uniform, lower: 63.1, upper: 116}
              - {name: Hl, dist: uniform, lower: 700, upper: 820}
              - {name: L, dist: uniform, lower: 1120, upper: 1680}
              - {name: Kw, dist: uniform, lower: 9855, upper: 12045}
            """;

    /** The study inputs of piston (org.snauq.datasets.Piston). */
    public static final String PISTON_INPUTS = """
              - {name: M, dist: uniform, lower: 30, upper: 60}
              - {name: S, dist: uniform, lower: 0.005, upper: 0.020}
              - {name: V0, dist: uniform, lower: 0.002, upper: 0.010}
              - {name: k, dist: uniform, lower: 1000, upper: 5000}
              - {name: P0, dist: uniform, lower: 90000, upper: 110000}
              - {name: Ta, dist: uniform, lower: 290, upper: 296}
              - {name: T0, dist: uniform, lower: 340, upper: 360}
            """;

    private static final String BOREHOLE = "lr = log(v[\"r\"] / v[\"rw\"]); "
            + "flow = 2 * 3.141592653589793 * v[\"Tu\"] * (v[\"Hu\"] - v[\"Hl\"]) / (lr * (1 + 2 * v[\"L\"] * v[\"Tu\"]"
            + " / (lr * v[\"rw\"] * v[\"rw\"] * v[\"Kw\"]) + v[\"Tu\"] / v[\"Tl\"]))";
    private static final String PISTON = "a = v[\"P0\"] * v[\"S\"] + 19.62 * v[\"M\"] - v[\"k\"] * v[\"V0\"] / v[\"S\"]; "
            + "gas = v[\"P0\"] * v[\"V0\"] * v[\"Ta\"] / v[\"T0\"]; "
            + "vol = v[\"S\"] / (2 * v[\"k\"]) * (sqrt(a * a + 4 * v[\"k\"] * gas) - a); "
            + "cycle = 2 * 3.141592653589793 * sqrt(v[\"M\"] / (v[\"k\"] + v[\"S\"] * v[\"S\"] * gas / (vol * vol)))";

    /**
     * Picks awk so that it reads its input line by line: mawk fills its input buffer before it answers unless told
     * {@code -W interactive}, which a worker process needs (it answers each line before the next arrives).
     */
    private static final String AWK = "if awk -W version 2>&1 | grep -q mawk; then AWK='awk -W interactive';"
            + " else AWK=awk; fi\n";

    private TestSimulators() {
    }

    /**
     * A csv program: its output header {@code header}, then per point the awk {@code body} run with the point's
     * values in {@code v[name]}; the body prints the answer line.
     */
    static String csvProgram(String header, String body) {
        return "#!/bin/sh\n" + AWK + "exec $AWK -F, '\n"
                + "NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; print \"" + header + "\"; fflush(); next }\n"
                + "{ for (i = 1; i <= NF; i++) v[name[i]] = $i + 0; " + body + "; fflush() }'\n";
    }

    /** A jsonl program: per line, the point's values in {@code v[name]}, then the awk {@code body}. */
    static String jsonlProgram(String body) {
        return "#!/bin/sh\n" + AWK + "exec $AWK '\n"
                + "{ line = $0; gsub(/[{}\" ]/, \"\", line); n = split(line, kv, \",\");\n"
                + "  for (i = 1; i <= n; i++) { split(kv[i], p, \":\"); v[p[1]] = p[2] + 0 }\n"
                + "  " + body + "; fflush() }'\n";
    }

    /** Borehole, csv, output y. */
    public static Path borehole(Path dir) {
        return write(dir, "borehole.sh", csvProgram("y", BOREHOLE + "; printf \"%.17g\\n\", flow"));
    }

    /** Borehole, jsonl, output y. */
    public static Path boreholeJsonl(Path dir) {
        return write(dir, "borehole-jsonl.sh", jsonlProgram(BOREHOLE + "; printf \"{\\\"y\\\": %.17g}\\n\", flow"));
    }

    /** Borehole and piston of the union of their inputs, csv, outputs cycle then flow (not the declared order). */
    public static Path boreholeAndPiston(Path dir) {
        return write(dir, "borehole-piston.sh", csvProgram("cycle,flow", BOREHOLE + "; " + PISTON
                + "; printf \"%.17g,%.17g\\n\", cycle, flow"));
    }

    /** Borehole that exits with code 3 (after a message on stderr) at a point with rw &lt; {@code below}. */
    public static Path crashing(Path dir, double below) {
        return write(dir, "crashing.sh", csvProgram("y", "if (v[\"rw\"] < " + below + ") { print \"rw too small: \""
                + " v[\"rw\"] > \"/dev/stderr\"; exit 3 } " + BOREHOLE + "; printf \"%.17g\\n\", flow"));
    }

    /** Borehole that hangs (sleeps a minute in a child process) at a point with rw &gt; {@code above}. */
    public static Path hanging(Path dir, double above) {
        return write(dir, "hanging.sh", csvProgram("y", "if (v[\"rw\"] > " + above + ") system(\"sleep 60\"); "
                + BOREHOLE + "; printf \"%.17g\\n\", flow"));
    }

    /** An executable file with {@code text}. */
    public static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
