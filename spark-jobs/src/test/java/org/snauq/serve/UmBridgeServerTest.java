package org.snauq.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snauq.basis.BSplineBasis;
import org.snauq.model.MultiSnaModel;
import org.snauq.model.SnaModel;

/**
 * The UM-Bridge protocol 1.0 as {@link UmBridgeServer} speaks it, over real HTTP: answers against the core model,
 * derivatives against central differences of the server's own answers, every protocol error type, every kind of
 * bad request (400 with exactly {"error": {"type", "message"}}, the field named), and concurrent clients.
 */
public class UmBridgeServerTest {

    /** Central-difference step for coordinates on domains of width 3 to 5. */
    private static final double STEP = 1e-5;

    /**
     * Central differences of cubic splines err by h^2 |f'''| / 6 (about 1e-9 with factors of order one) plus
     * rounding eps |f| / h (about 1e-10); the server's shortest-decimal doubles are exact. 1e-6 relative to the
     * larger of 1 and the value leaves a wide margin and still catches a wrong term.
     */
    private static final double FD_TOL = 1e-6;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static UmBridgeServer server;
    private static HttpClient client;
    private static String url;
    private static MultiSnaModel pair;
    private static MultiSnaModel single;

    /** Coordinates a in [-1, 2], b in [0, 3], c in [-2, 2]; cubic, rank 3; factors uniform in [-1, 1] by seed. */
    public static SnaModel model(String output, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<BSplineBasis> bases = List.of(BSplineBasis.clampedUniform(3, 7, -1, 2),
                BSplineBasis.clampedUniform(3, 6, 0, 3), BSplineBasis.clampedUniform(3, 8, -2, 2));
        int rank = 3;
        double[][] w = new double[3][];
        for (int d = 0; d < 3; d++) {
            w[d] = new double[bases.get(d).count() * rank];
            for (int i = 0; i < w[d].length; i++) {
                w[d][i] = rng.nextDouble(-1, 1);
            }
        }
        return SnaModel.of(List.of("a", "b", "c"), bases, new double[] {1.5, -0.75, 0.5}, w, output);
    }

    @BeforeAll
    static void start() throws Exception {
        pair = MultiSnaModel.of(List.of(model("depth", 1), model("width", 2)));
        single = MultiSnaModel.of(model("y", 3));
        SnaModel y = single.output(0);
        double[][] w = new double[3][];
        for (int d = 0; d < 3; d++) {
            w[d] = y.factor(d);
        }
        // weights near the largest doubles: derivatives overflow for ordinary sens
        SnaModel huge = SnaModel.of(y.names(), List.of(y.basis(0), y.basis(1), y.basis(2)),
                new double[] {1e300, 1e300, 1e300}, w, "y");
        server = UmBridgeServer.start(List.of(new ServedModel("pair", pair), new ServedModel("single", single),
                new ServedModel("huge", MultiSnaModel.of(huge))), new InetSocketAddress("127.0.0.1", 0), 2, null);
        url = "http://127.0.0.1:" + server.address().getPort();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    record Answer(int status, JsonNode body) {
    }

    static Answer post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private static String vector(double[] v) throws Exception {
        return JSON.writeValueAsString(v);
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            assertTrue(array.get(i).isNumber(), array.toString());
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }

    static double[] evaluate(String name, double[] z) throws Exception {
        Answer a = post("/Evaluate", "{\"name\":\"" + name + "\",\"input\":[" + vector(z) + "],\"config\":{}}");
        assertEquals(200, a.status, a.body.toString());
        assertEquals(1, a.body.size(), "only 'output'");
        assertEquals(1, a.body.get("output").size(), "one output vector");
        return doubles(a.body.get("output").get(0));
    }

    static double[] gradient(String name, double[] z, double[] sens) throws Exception {
        Answer a = post("/Gradient", "{\"name\":\"" + name + "\",\"outWrt\":0,\"inWrt\":0,\"input\":[" + vector(z)
                + "],\"sens\":" + vector(sens) + "}");
        assertEquals(200, a.status, a.body.toString());
        return doubles(a.body.get("output"));
    }

    static double[] applyJacobian(String name, double[] z, double[] vec) throws Exception {
        Answer a = post("/ApplyJacobian", "{\"name\":\"" + name + "\",\"outWrt\":0,\"inWrt\":0,\"input\":["
                + vector(z) + "],\"vec\":" + vector(vec) + "}");
        assertEquals(200, a.status, a.body.toString());
        return doubles(a.body.get("output"));
    }

    static double[] applyHessian(String name, double[] z, double[] sens, double[] vec) throws Exception {
        Answer a = post("/ApplyHessian", "{\"name\":\"" + name + "\",\"outWrt\":0,\"inWrt1\":0,\"inWrt2\":0,"
                + "\"input\":[" + vector(z) + "],\"sens\":" + vector(sens) + ",\"vec\":" + vector(vec) + "}");
        assertEquals(200, a.status, a.body.toString());
        return doubles(a.body.get("output"));
    }

    private static double[] along(double[] z, double[] v, double h) {
        double[] s = z.clone();
        for (int d = 0; d < s.length; d++) {
            s[d] += h * v[d];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** exact[i] against the central difference (up[i] - down[i]) / (2 STEP), within {@link #FD_TOL}. */
    private static void assertCentralDifferences(double[] exact, double[] up, double[] down, String what) {
        assertEquals(up.length, exact.length, what);
        for (int i = 0; i < exact.length; i++) {
            double fd = (up[i] - down[i]) / (2 * STEP);
            assertEquals(fd, exact[i], FD_TOL * Math.max(1, Math.abs(fd)), what + "[" + i + "]");
        }
    }

    private static double[] randomPoint(SplittableRandom rng) {
        return new double[] {rng.nextDouble(-0.9, 1.9), rng.nextDouble(0.1, 2.9), rng.nextDouble(-1.9, 1.9)};
    }

    // ------------------------------------------------------------------------------------------ answers

    @Test
    void info_listsModelsAndProtocol1() throws Exception {
        Answer a = send(HttpRequest.newBuilder(URI.create(url + "/Info")).GET());
        assertEquals(200, a.status);
        assertEquals(JSON.readTree("{\"protocolVersion\":1.0,\"models\":[\"pair\",\"single\",\"huge\"]}"), a.body);
    }

    @Test
    void modelInfoAndSizes_describeOneInputAndOneOutputVector() throws Exception {
        assertEquals(JSON.readTree("{\"support\":{\"Evaluate\":true,\"Gradient\":true,\"ApplyJacobian\":true,"
                + "\"ApplyHessian\":true}}"), post("/ModelInfo", "{\"name\":\"pair\"}").body);
        assertEquals(JSON.readTree("{\"inputSizes\":[3]}"),
                post("/InputSizes", "{\"name\":\"pair\",\"config\":{}}").body);
        assertEquals(JSON.readTree("{\"outputSizes\":[2]}"), post("/OutputSizes", "{\"name\":\"pair\"}").body);
        assertEquals(JSON.readTree("{\"outputSizes\":[1]}"), post("/OutputSizes", "{\"name\":\"single\"}").body);
    }

    @Test
    void evaluate_anyPoint_equalsTheModelBitForBit() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 10; trial++) {
            double[] z = randomPoint(rng);
            double[] expected = new double[2];
            pair.evaluate(z, 1, expected, pair.newWorkspace());
            assertArrayEquals(expected, evaluate("pair", z), 0.0);
            assertArrayEquals(new double[] {single.output(0).value(z)}, evaluate("single", z), 0.0);
        }
    }

    @Test
    void evaluate_clampConfig_evaluatesOnTheBoundary() throws Exception {
        double[] outside = {2.5, 1.0, -7};
        Answer a = post("/Evaluate", "{\"name\":\"pair\",\"input\":[" + vector(outside)
                + "],\"config\":{\"clamp\":true}}");
        assertEquals(200, a.status, a.body.toString());
        assertArrayEquals(evaluate("pair", new double[] {2.0, 1.0, -2.0}), doubles(a.body.get("output").get(0)), 0.0);
    }

    // ------------------------------------------------------------------------------------------ derivatives

    @Test
    void gradient_anyPointAndSens_matchesCentralDifferencesOfEvaluate() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            double[] z = randomPoint(rng);
            double[] sens = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
            double[] g = gradient("pair", z, sens);
            for (int d = 0; d < 3; d++) {
                double[] unit = new double[3];
                unit[d] = 1;
                assertCentralDifferences(new double[] {g[d]}, new double[] {dot(sens, evaluate("pair", along(z, unit,
                        STEP)))}, new double[] {dot(sens, evaluate("pair", along(z, unit, -STEP)))}, "d(sens.u)/d" + d);
            }
        }
    }

    @Test
    void applyJacobian_anyVector_matchesCentralDifferencesOfEvaluate() throws Exception {
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < 5; trial++) {
            double[] z = randomPoint(rng);
            double[] vec = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] jv = applyJacobian("pair", z, vec);
            assertCentralDifferences(jv, evaluate("pair", along(z, vec, STEP)), evaluate("pair", along(z, vec, -STEP)),
                    "J vec");
        }
    }

    @Test
    void applyHessian_anySensAndVector_matchesCentralDifferencesOfGradient() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 5; trial++) {
            double[] z = randomPoint(rng);
            double[] sens = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
            double[] vec = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] hv = applyHessian("pair", z, sens, vec);
            assertCentralDifferences(hv, gradient("pair", along(z, vec, STEP), sens),
                    gradient("pair", along(z, vec, -STEP), sens), "sum_k sens_k H_k vec");
        }
    }

    @Test
    void derivatives_clampedCoordinate_zeroAlongIt() throws Exception {
        // c = -7 is clamped to -2: the served function is constant in c there, so its derivatives along c vanish
        String at = "\"input\":[[0.5,1.0,-7]],\"config\":{\"clamp\":true}";
        Answer g = post("/Gradient", "{\"name\":\"pair\",\"outWrt\":0,\"inWrt\":0,\"sens\":[1,1]," + at + "}");
        double[] inside = gradient("pair", new double[] {0.5, 1.0, -2.0}, new double[] {1, 1});
        assertArrayEquals(new double[] {inside[0], inside[1], 0.0}, doubles(g.body.get("output")), 0.0);
        Answer jv = post("/ApplyJacobian", "{\"name\":\"pair\",\"outWrt\":0,\"inWrt\":0,\"vec\":[0,0,1]," + at + "}");
        assertArrayEquals(new double[] {0, 0}, doubles(jv.body.get("output")), 0.0);
        Answer hv = post("/ApplyHessian", "{\"name\":\"pair\",\"outWrt\":0,\"inWrt1\":0,\"inWrt2\":0,\"sens\":[1,2],"
                + "\"vec\":[1,1,1]," + at + "}");
        assertEquals(0.0, doubles(hv.body.get("output"))[2], 0.0);
    }

    // ------------------------------------------------------------------------------------------ errors

    /** A 400 whose body is exactly {"error": {"type": type, "message": ...}} with a message holding each fragment. */
    static void assertError(Answer a, String type, String... fragments) {
        assertEquals(400, a.status, a.body.toString());
        assertEquals(1, a.body.size(), a.body.toString());
        JsonNode error = a.body.get("error");
        assertEquals(2, error.size(), a.body.toString());
        assertEquals(type, error.get("type").textValue(), a.body.toString());
        String message = error.get("message").textValue();
        assertFalse(message.contains("\n"), message);
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "message should contain '" + f + "', got: " + message);
        }
    }

    @Test
    void unknownModel_isModelNotFoundOnEveryEndpoint() throws Exception {
        for (String path : new String[] {"/ModelInfo", "/InputSizes", "/OutputSizes", "/Evaluate", "/Gradient",
            "/ApplyJacobian", "/ApplyHessian"}) {
            assertError(post(path, "{\"name\":\"wrong_model_name\"}"), "ModelNotFound", "wrong_model_name",
                    "pair, single, huge");
        }
    }

    @Test
    void unknownModel_longOrControlCharacterName_echoedShortOnOneLine() throws Exception {
        String name = "x\\n" + "y".repeat(5000);
        Answer a = post("/Evaluate", "{\"name\":\"" + name + "\"}");
        assertError(a, "ModelNotFound", "model 'x?yyy");
        assertTrue(a.body.get("error").get("message").textValue().length() < 200, a.body.toString());
    }

    @Test
    void sharedMemoryEndpoints_areUnsupportedFeature() throws Exception {
        for (String path : new String[] {"/EvaluateShMem", "/GradientShMem", "/ApplyJacobianShMem",
            "/ApplyHessianShMem", "/TestShMem"}) {
            assertError(post(path, "{\"name\":\"pair\"}"), "UnsupportedFeature", "shared memory");
        }
    }

    @Test
    void badRequests_areInvalidInputNamingTheField_andTheServerKeepsServing() throws Exception {
        String e = "/Evaluate";
        String in = "\"input\":[[0.5,1,0]]";
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {e, "{\"name\":\"pair\",", "body is not valid JSON", "line 1"});
        cases.add(new String[] {e, "", "body must be a JSON object, got nothing"});
        cases.add(new String[] {e, "[1,2]", "body must be a JSON object, got a list"});
        cases.add(new String[] {e, "\"pair\"", "body must be a JSON object, got string"});
        cases.add(new String[] {e, "{\"name\":\"pair\"," + in + "} {}", "unexpected text after the JSON object"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"name\":\"single\"," + in + "}", "Duplicate field 'name'"});
        cases.add(new String[] {e, "{" + in + "}", "missing field name"});
        cases.add(new String[] {e, "{\"name\":7," + in + "}", "name must be a string, got 7"});
        cases.add(new String[] {e, "{\"name\":\"pair\"}", "missing field input"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[0.5,1,0]}",
            "input must be a list of 1 vector, [[3 numbers]], got a list of 3 values, not of vectors"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":{\"a\":1}}", "input must be a list of 1 vector",
            "got an object"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[0.5,1,0],[1]]}", "got 2 vectors"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[0.5,1,0,0]]}",
            "input[0] must have 3 numbers (a, b, c), got 4"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[0.5,\"1\",0]]}", "input[0][1] (b) must be a finite"
            + " number, got \"1\""});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[0.5,null,0]]}", "input[0][1] (b)", "got null"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[0.5,true,0]]}", "input[0][1] (b)", "got true"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[NaN,1,0]]}", "input[0][0] (a)", "got NaN"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[0.5,1,-Infinity]]}", "input[0][2] (c)",
            "got -Infinity"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[1e400,1,0]]}", "input[0][0] (a)", "got Infinity"});
        cases.add(new String[] {e, "{\"name\":\"pair\",\"input\":[[0.5,3.5,0]]}", "input[0][1] (b) = 3.5 is outside"
            + " the domain [0.0, 3.0]", "clamp"});
        cases.add(new String[] {e, "{\"name\":\"pair\"," + in + ",\"config\":[]}",
            "config must be an object, got a list"});
        cases.add(new String[] {e, "{\"name\":\"pair\"," + in + ",\"config\":{\"clmap\":true}}",
            "config.clmap is not a setting of this server; settings: clamp"});
        cases.add(new String[] {e, "{\"name\":\"pair\"," + in + ",\"config\":{\"clamp\":\"yes\"}}",
            "config.clamp must be true or false, got \"yes\""});
        String g = "/Gradient";
        String jac = "/ApplyJacobian";
        String h = "/ApplyHessian";
        cases.add(new String[] {g, "{\"name\":\"pair\",\"outWrt\":1,\"inWrt\":0,\"sens\":[1,1]," + in + "}",
            "outWrt must be 0 (the model has one output vector), got 1"});
        cases.add(new String[] {g, "{\"name\":\"pair\",\"outWrt\":0,\"inWrt\":\"0\",\"sens\":[1,1]," + in + "}",
            "inWrt must be 0 (the model has one input vector), got \"0\""});
        cases.add(new String[] {g, "{\"name\":\"pair\",\"inWrt\":0,\"sens\":[1,1]," + in + "}",
            "missing field outWrt"});
        cases.add(new String[] {g, "{\"name\":\"pair\",\"outWrt\":0,\"inWrt\":0,\"sens\":[1]," + in + "}",
            "sens must have 2 numbers (depth, width), got 1"});
        cases.add(new String[] {g, "{\"name\":\"pair\",\"outWrt\":0,\"inWrt\":0," + in + "}", "missing field sens"});
        cases.add(new String[] {g, "{\"name\":\"huge\",\"outWrt\":0,\"inWrt\":0,\"sens\":[1e300]," + in + "}",
            "the gradient overflows at this input (got ", "; scale sens or vec down"});
        cases.add(new String[] {jac, "{\"name\":\"pair\",\"outWrt\":0,\"inWrt\":0,\"vec\":[1,1]," + in + "}",
            "vec must have 3 numbers (a, b, c), got 2"});
        cases.add(new String[] {jac, "{\"name\":\"pair\",\"outWrt\":0,\"inWrt\":0,\"vec\":\"x\"," + in + "}",
            "vec must be a list of 3 numbers, got \"x\""});
        cases.add(new String[] {h, "{\"name\":\"pair\",\"outWrt\":0,\"inWrt1\":0,\"inWrt2\":1,\"sens\":[1,1],"
            + "\"vec\":[1,1,1]," + in + "}", "inWrt2 must be 0"});
        cases.add(new String[] {h, "{\"name\":\"pair\",\"outWrt\":0,\"inWrt1\":0,\"inWrt2\":0,\"sens\":[1,1],"
            + "\"vec\":[1,NaN,1]," + in + "}", "vec[1] (b) must be a finite number, got NaN"});
        cases.add(new String[] {"/Evaluat", "{\"name\":\"pair\"}", "no endpoint /Evaluat; endpoints: GET /Info,"
            + " POST /ModelInfo"});
        for (String[] c : cases) {
            assertError(post(c[0], c[1]), "InvalidInput", java.util.Arrays.copyOfRange(c, 2, c.length));
        }
        assertError(send(HttpRequest.newBuilder(URI.create(url + "/Evaluate")).GET()), "InvalidInput",
                "/Evaluate takes POST, got GET");
        assertError(post("/Info", ""), "InvalidInput", "/Info takes GET, got POST");
        assertArrayEquals(new double[] {single.output(0).value(new double[] {0.5, 1, 0})},
                evaluate("single", new double[] {0.5, 1, 0}), 0.0);
    }

    @Test
    void oversizedBody_declaredOrChunked_isInvalidInputWithoutReadingIt() throws Exception {
        byte[] big = new byte[UmBridgeServer.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        // chunked: no length announced, the server stops reading after the limit
        InputStream chunks = new ByteArrayInputStream(big);
        Answer a = send(HttpRequest.newBuilder(URI.create(url + "/Evaluate"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> chunks)));
        assertError(a, "InvalidInput", "larger than the limit of 1048576 bytes");
        // declared: refused from the header alone, answered before the client sends any of it
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /Evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", head);
        }
        assertEquals(2, evaluate("pair", new double[] {0.5, 1, 0}).length);
    }

    @Test
    void headRequest_answeredWithoutBody() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("", r.body());
    }

    // ------------------------------------------------------------------------------------------ concurrency

    @Test
    void concurrentClients_eachGetTheirOwnAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                long seed = 100 + c;
                results.add(clients.submit(() -> {
                    SplittableRandom rng = new SplittableRandom(seed);
                    MultiSnaModel.Workspace ws = pair.newWorkspace();
                    for (int i = 0; i < 100; i++) {
                        double[] z = randomPoint(rng);
                        double[] expected = new double[2];
                        pair.evaluate(z, 1, expected, ws);
                        assertArrayEquals(expected, evaluate("pair", z), 0.0);
                    }
                    return 100;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertEquals(800, total);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void answers_haveOnlyTheProtocolsFields() throws Exception {
        Answer a = post("/Gradient", "{\"name\":\"single\",\"outWrt\":0,\"inWrt\":0,\"input\":[[0,1,0]],\"sens\":[1]}");
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = a.body.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertEquals(List.of("output"), fields);
        assertEquals(3, a.body.get("output").size());
    }
}
