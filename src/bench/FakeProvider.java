// A stand-in Qwen3 provider for the capacity benchmark, in its own process on loopback (not the service's
// emulator, so the fake's CPU is not counted as the service's). Run with the JDK's source launcher:
//   java src/bench/FakeProvider.java PORT DELAY_MS [CHUNKS] [CHUNK_INTERVAL_MS]
// Answers any POST .../chat/completions with a canned triage completion after DELAY_MS; a request with
// "stream": true gets CHUNKS content chunks as SSE, the first DELAY_MS after the request, then one every
// CHUNK_INTERVAL_MS, a usage chunk and [DONE]. One virtual thread per request: 1,000 slow calls are cheap.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public class FakeProvider {

    static final String TRIAGE = "{\\\"category\\\":\\\"REFUND\\\",\\\"priority\\\":\\\"HIGH\\\",\\\"sentiment\\\":\\\"NEGATIVE\\\","
            + "\\\"summary\\\":\\\"Order A1002 arrived broken; the customer wants a refund.\\\",\\\"orderIds\\\":[\\\"A1002\\\"],"
            + "\\\"language\\\":\\\"en\\\"}";
    static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1763900000,"
            + "\"model\":\"alibaba/qwen3-32b\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + TRIAGE + "\",\"reasoning_content\":\"\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":180,\"completion_tokens\":45,\"total_tokens\":225}}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        int chunks = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long interval = args.length > 3 ? Long.parseLong(args[3]) : 20;
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        // TCP_NODELAY, as real providers' servers have: without it the JDK server's header and body writes
        // meet the client's delayed ACK and a keep-alive client waits about 40 ms per answer (Nagle).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String request = new String(body, StandardCharsets.UTF_8);
                if (request.replace(" ", "").contains("\"stream\":true")) {
                    stream(exchange, delay, chunks, interval);
                } else {
                    sleep(delay);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, COMPLETION.length);
                    exchange.getResponseBody().write(COMPLETION);
                }
            } catch (IOException | RuntimeException e) {
                // the client went away; nothing to answer
            }
        });
        server.start();
        System.out.println("fake provider on 127.0.0.1:" + port + ", delay " + delay + " ms");
    }

    static void stream(HttpExchange exchange, long delay, int chunks, long interval) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        sleep(delay);
        for (int i = 0; i < chunks; i++) {
            if (i > 0) {
                sleep(interval);
            }
            send(out, "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1763900000,"
                    + "\"model\":\"alibaba/qwen3-32b\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                    + "\"content\":\"word" + i + " \"},\"finish_reason\":null}]}");
        }
        send(out, "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1763900000,"
                + "\"model\":\"alibaba/qwen3-32b\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        send(out, "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1763900000,"
                + "\"model\":\"alibaba/qwen3-32b\",\"choices\":[],\"usage\":{\"prompt_tokens\":120,"
                + "\"completion_tokens\":" + chunks + ",\"total_tokens\":" + (120 + chunks) + "}}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void send(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
