package org.snauq.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spark's console progress bar redraws one line with carriage returns: on a terminal it is a live bar, in a log
 * file it glues onto the phase lines (issue 17 point 6). No Spark context is started.
 */
class UqSparkTest {

    @AfterEach
    void clear() {
        System.clearProperty(UqSpark.STDERR_TTY_PROPERTY);
    }

    @Test
    void configure_stderrNotATerminal_progressBarOff() {
        System.setProperty(UqSpark.STDERR_TTY_PROPERTY, "false");
        assertEquals("false", UqSpark.configure(new SparkConf(false), "local[1]").get("spark.ui.showConsoleProgress"));
    }

    @Test
    void configure_stderrATerminal_progressBarOn() {
        System.setProperty(UqSpark.STDERR_TTY_PROPERTY, "true");
        assertEquals("true", UqSpark.configure(new SparkConf(false), "local[1]").get("spark.ui.showConsoleProgress"));
    }

    @Test
    void configure_explicitSetting_wins() {
        System.setProperty(UqSpark.STDERR_TTY_PROPERTY, "false");
        SparkConf conf = new SparkConf(false).set("spark.ui.showConsoleProgress", "true");
        assertEquals("true", UqSpark.configure(conf, "local[1]").get("spark.ui.showConsoleProgress"));
    }

    @Test
    void stderrIsTerminal_underTheBuild_false() {
        // surefire sends a forked JVM's stderr into a pipe: not a terminal, without bin/sna's hint
        assertFalse(UqSpark.stderrIsTerminal());
    }
}
