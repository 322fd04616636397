package org.snauq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.snauq.model.MultiSnaModel;
import org.snauq.model.SnaFormatException;
import org.snauq.model.SnaModelFile;
import org.snauq.serve.ServedModel;
import org.snauq.serve.UmBridgeServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code sna serve}: serves model files over the UM-Bridge protocol 1.0 (docs/UMBRIDGE.md) until SIGTERM or
 * SIGINT, then lets the requests in flight finish and exits 0. Prints one line when it is listening,
 * {@code serving NAME (D inputs) at http://HOST:PORT}; with {@code --verbose}, one stderr line per error answer.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve models over the UM-Bridge protocol 1.0 (Evaluate, Gradient, ApplyJacobian and"
                + " ApplyHessian, derivatives analytic) to any UM-Bridge client, until SIGTERM or Ctrl-C.",
            "Each model is one input vector (its coordinates, in stored order) and one output vector (its outputs)."
                + " Points outside the domain are an InvalidInput error unless the request's config is"
                + " {\"clamp\": true}.",
            "No authentication: anyone who can reach the port can query the models; it listens on loopback"
                + " unless --host says otherwise. With --verbose, one stderr line per error answer.",
            "Protocol, errors and a Python client: docs/UMBRIDGE.md."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    SnaCli parent;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "M.sna", description = "The model files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4242",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port, printed at start).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every"
                    + " interface, without authentication).")
    String host;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name clients ask for, once per model in order (default: the file name without .sna).")
    List<String> names = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        List<ServedModel> served = models();
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be in [0, 65535], got " + port);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new UserInputException("--threads must be >= 1, got " + workers);
        }
        InetSocketAddress address = address();
        UmBridgeServer server;
        try {
            PrintWriter err = spec.commandLine().getErr();
            server = UmBridgeServer.start(served, address, workers, parent != null && parent.verbose ? line -> {
                err.println(line);
                err.flush();
            } : null);
        } catch (BindException e) {
            throw new UserInputException("--host " + host + " --port " + port + ": cannot listen there ("
                    + e.getMessage() + ")", e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> stop.countDown());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(startLine(served, server.address()));
        out.flush();
        stop.await();
        server.stop();
        return CliErrors.OK;
    }

    /** "serving NAME (D inputs) at http://HOST:PORT", models joined by commas. */
    static String startLine(List<ServedModel> served, InetSocketAddress address) {
        List<String> parts = new ArrayList<>();
        for (ServedModel m : served) {
            parts.add(m.name() + " (" + m.inputSize() + " inputs" + (m.outputSize() > 1 ? ", " + m.outputSize()
                    + " outputs" : "") + ")");
        }
        String h = address.getAddress().getHostAddress();
        return "serving " + String.join(", ", parts) + " at http://" + (h.contains(":") ? "[" + h + "]" : h) + ":"
                + address.getPort();
    }

    private List<ServedModel> models() throws SnaFormatException {
        if (!names.isEmpty() && names.size() != files.size()) {
            throw new UserInputException("--name is given " + names.size() + " times for " + files.size()
                    + " model files; give it once per model, in order, or not at all");
        }
        List<ServedModel> served = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = names.isEmpty() ? stem(file) : names.get(i);
            String option = names.isEmpty() ? file + ": the file name" : "--name " + name;
            if (!ServedModel.NAME.matcher(name).matches()) {
                throw new UserInputException(option + " must match " + ServedModel.NAME.pattern()
                        + (names.isEmpty() ? " to name the model; give --name" : ""));
            }
            for (ServedModel m : served) {
                if (m.name().equals(name)) {
                    throw new UserInputException(option + ": two models are named '" + name
                            + "'; give --name once per model");
                }
            }
            served.add(new ServedModel(name, read(file)));
        }
        return served;
    }

    private static MultiSnaModel read(Path file) throws SnaFormatException {
        try {
            return SnaModelFile.readMulti(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e + ")", e);
        }
    }

    private static String stem(Path file) {
        String n = String.valueOf(file.getFileName());
        return n.endsWith(".sna") ? n.substring(0, n.length() - 4) : n;
    }

    private InetSocketAddress address() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UserInputException("--host " + host + ": unknown host", e);
        }
    }
}
