package org.snauq.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a lock or a staging folder: host, process id and its start time, and a nonce per holding. A holder
 * on this host is gone when its process is (the start time tells a reused process id); a holder on another host
 * cannot be asked, so it is gone when it has not refreshed its file ({@link Heartbeat}) for {@link #LEASE_MS}.
 *
 * @param host        the host name
 * @param pid         the process id
 * @param startMillis the process start time (epoch ms), or 0 when the platform does not say
 * @param nonce       unique per holding
 */
record Owner(String host, long pid, long startMillis, String nonce) {

    /** A remote holder refreshes its files every {@link Heartbeat#PERIOD_MS}; this long without is taken as dead. */
    static final long LEASE_MS = 120_000;
    /** A holder's file may be empty for the moment between its exclusive create and its write. */
    static final long WRITE_GRACE_MS = 10_000;
    /** Process start times read twice may differ by rounding; a reused pid starts later than this. */
    private static final long START_TOLERANCE_MS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = localHost();

    /** A new holding of this process. */
    static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new Owner(HOST, self.pid(), start, UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("host", host);
        o.put("pid", pid);
        o.put("start_ms", startMillis);
        o.put("nonce", nonce);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The owner in a holder's file, or empty when the file is empty or half written. */
    static Optional<Owner> parse(byte[] json) {
        if (json == null || json.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode o = JSON.readTree(json);
            if (!o.path("host").isTextual() || !o.path("pid").canConvertToLong() || !o.path("nonce").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Owner(o.get("host").asText(), o.get("pid").asLong(), o.path("start_ms").asLong(0),
                    o.get("nonce").asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the holder of a file is gone.
     *
     * @param file     the holder's file as read (null or unreadable: half written, or its writer died)
     * @param modified the file's modification time (epoch ms)
     */
    static boolean isGone(byte[] file, long modified) {
        long age = System.currentTimeMillis() - modified;
        Optional<Owner> o = parse(file);
        if (o.isEmpty()) {
            return age > WRITE_GRACE_MS;
        }
        return o.get().isGone(age);
    }

    private boolean isGone(long ageMillis) {
        if (!host.equals(HOST)) {
            return ageMillis > LEASE_MS;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        long start = p.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return startMillis > 0 && start > 0 && Math.abs(start - startMillis) > START_TOLERANCE_MS;
    }

    /** For messages: {@code host pid 1234}. */
    String describe() {
        return host + " pid " + pid;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
