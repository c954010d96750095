package dev.qwen.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A real redis-server on loopback, from the embedded-redis test dependency (the binary ships in the jar),
 * so Redis tests need nothing installed. Points the service at it with {@code qwen.state=redis}.
 */
public class EmbeddedRedis implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server on a free loopback port; the caller stops it. */
    public static RedisServer start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        int port = freePort();
        server = start(port);
        return Map.of("qwen.state", "redis", "quarkus.redis.hosts", "redis://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes {@code key} (a test's fresh start). */
    public static void delete(int port, String key) {
        command(port, "DEL", key);
    }

    /** How many keys match {@code pattern}. */
    public static long countKeys(int port, String pattern) {
        String first = command(port, "KEYS", pattern);
        if (!first.startsWith("*")) {
            throw new IllegalStateException("unexpected Redis answer: " + first);
        }
        return Long.parseLong(first.substring(1));
    }

    /** Sends one command in RESP on a socket of its own (the tests need no Redis client); the answer's first line. */
    private static String command(int port, String... words) {
        StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            resp.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(resp.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return first == null ? "" : first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
