package org.snauq.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code sna} in a JVM of its own, on the test class path, with the flags Spark needs. */
final class ChildSna {

    private ChildSna() {
    }

    /** {@code java [flags Spark needs] -Xmx1g [jvmOptions] -cp <test class path> SnaCli [args]}. */
    static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
                command.add(a); // what Spark needs on Java 17, as the test JVM has it
            }
        }
        command.add("-Xmx1g");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(SnaCli.class.getName());
        command.addAll(args);
        return command;
    }
}
