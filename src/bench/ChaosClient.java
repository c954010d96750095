// The clients of the chaos run (src/bench/chaos.sh): CLIENTS sessions of TURNS refund turns each, spread over
// two instances, every turn with its own Idempotency-Key and retried with it until answered (connection errors,
// 409, 429, 5xx). Then it counts: refunds the ledger holds against refunds the answers reported, turns each
// session remembers against turns answered, and 500s (never expected).
//   java src/bench/ChaosClient.java PORT_A PORT_B REDIS_PORT CLIENTS TURNS
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ChaosClient {

    static final AtomicInteger unexpected5xx = new AtomicInteger();
    static final AtomicInteger retries = new AtomicInteger();
    static final AtomicInteger replayed = new AtomicInteger();
    static final AtomicInteger reportedEuros = new AtomicInteger();
    static final AtomicInteger held = new AtomicInteger();
    static final AtomicInteger withoutApproval = new AtomicInteger();
    static final boolean APPROVALS = Boolean.getBoolean("approvals");
    static final AtomicInteger answered = new AtomicInteger();
    static final AtomicInteger gaveUp = new AtomicInteger();
    /** What each retried attempt got: a status, or "connection error". */
    static final java.util.Map<String, AtomicInteger> retriedOn = new java.util.concurrent.ConcurrentSkipListMap<>();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        int[] ports = {Integer.parseInt(args[0]), Integer.parseInt(args[1])};
        int redisPort = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        int turns = Integer.parseInt(args[4]);
        long started = System.currentTimeMillis();
        String run = Long.toString(started, 36);
        long before = refundedCents(redisPort);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<int[]>> sessions = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            sessions.add(pool.submit(() -> session(ports, run, client, turns)));
        }
        int answeredTurns = 0;
        int rememberedTurns = 0;
        for (Future<int[]> session : sessions) {
            int[] counts = session.get();
            answeredTurns += counts[0];
            rememberedTurns += counts[1];
        }
        long refunded = refundedCents(redisPort) - before;
        System.out.printf("turns answered %d of %d (gave up %d), retries %d %s, replayed answers %d%n", answered.get(),
                clients * turns, gaveUp.get(), retries.get(), retriedOn, replayed.get());
        long inLedger = refunded / 100;
        System.out.printf("refunded EUR reported PENDING %d, EUR in the ledger %d -> doubled (or made unreported): %d,"
                + " lost (reported, not in the ledger): %d%n", reportedEuros.get(), inLedger,
                Math.max(0, inLedger - reportedEuros.get()), Math.max(0, reportedEuros.get() - inLedger));
        if (APPROVALS) {
            System.out.printf("refunds held for approval %d; refunds above the threshold made without one: %d%n",
                    held.get(), withoutApproval.get());
        }
        System.out.printf("wall time %d s%n", (System.currentTimeMillis() - started) / 1000);
        System.out.printf("turns remembered %d of %d answered -> lost: %d%n", rememberedTurns, answeredTurns,
                answeredTurns - rememberedTurns);
        System.out.printf("unexpected 5xx (500): %d%n", unexpected5xx.get());
        pool.shutdown();
    }

    static int[] session(int[] ports, String run, int client, int turns) throws Exception {
        String session = "chaos-" + run + "-" + client;
        int ok = 0;
        for (int turn = 1; turn <= turns; turn++) {
            // With approvals on (refunds above 1.5 wait for a person), every third turn asks for 2 EUR.
            int amount = APPROVALS && turn % 3 == 0 ? 2 : 1;
            String body = "{\"sessionId\":\"" + session + "\",\"message\":\"Please refund " + amount
                    + " EUR on A1002, it arrived broken (turn " + turn + ")\",\"toolChoice\":\"requestRefund\"}";
            String key = session + "-" + turn;
            String answer = post(ports, client, "/api/v1/assistant/chat", body, key);
            if (answer == null) {
                continue;
            }
            ok++;
            answered.incrementAndGet();
            count(answer, amount, false);
            Matcher approval = Pattern.compile("\"approvals\":\\[\\{\"id\":\"(apr_[0-9a-f]+)\"").matcher(answer);
            if (approval.find()) {
                ChaosClient.held.incrementAndGet();
                String decided = post(ports, client + 1, "/api/v1/approvals/" + approval.group(1),
                        "{\"decision\":\"approve\",\"note\":\"chaos\"}", key + "-approve");
                if (decided != null) {
                    count(decided, amount, true);
                }
            }
        }
        // What the session remembers: one user message per answered turn.
        int remembered = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                HttpResponse<String> memory = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0]
                        + "/api/v1/assistant/sessions/" + session)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (memory.statusCode() == 200 || memory.statusCode() == 404) {
                    Matcher turn = Pattern.compile("\\(turn \\d+\\)").matcher(memory.body());
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    while (turn.find()) {
                        seen.add(turn.group());
                    }
                    remembered = seen.size();
                    break;
                }
            } catch (java.io.IOException e) {
                // retry
            }
            Thread.sleep(250);
        }
        return new int[] {ok, remembered};
    }

    /** Refunds an answer reports as made (PENDING); one above the threshold outside a decision is a breach. */
    static void count(String answer, int amount, boolean decision) {
        Matcher refund = Pattern.compile("\"status\":\"PENDING\"").matcher(answer);
        while (refund.find()) {
            reportedEuros.addAndGet(amount);
            if (APPROVALS && amount > 1 && !decision) {
                withoutApproval.incrementAndGet();
            }
        }
    }

    /**
     * POSTs {@code body} under {@code key} until it is answered 200 (connection errors, 409, 429 and 5xx are
     * retried on either instance); the answer, or null when it gave up.
     */
    static String post(int[] ports, int client, String path, String body, String key) throws Exception {
        for (int attempt = 0; attempt < 400; attempt++) {
            int port = ports[(client + attempt) % 2];
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    if (response.headers().firstValue("Idempotency-Replayed").isPresent()) {
                        replayed.incrementAndGet();
                    }
                    return response.body();
                }
                if (status == 500) {
                    unexpected5xx.incrementAndGet();
                }
                if (status >= 400 && status < 500 && status != 409 && status != 429) {
                    System.out.println("unexpected " + status + ": " + response.body());
                    gaveUp.incrementAndGet();
                    return null;
                }
                String code = response.body().replaceAll("(?s).*\"code\":\"([a-z_]+)\".*", "$1");
                retriedOn.computeIfAbsent(status + " " + (code.length() < 40 ? code : ""),
                        k -> new AtomicInteger()).incrementAndGet();
            } catch (java.io.IOException e) {
                // the instance went away: the other one will answer
                retriedOn.computeIfAbsent("connection error", k -> new AtomicInteger()).incrementAndGet();
            }
            retries.incrementAndGet();
            Thread.sleep(250);
        }
        gaveUp.incrementAndGet();
        return null;
    }

    /** GET qwen:refunded:A1002 in RESP, straight on the socket. */
    static long refundedCents(int port) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write("*2\r\n$3\r\nGET\r\n$19\r\nqwen:refunded:A1002\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String line = readLine(in);
                if (line.startsWith("$-1")) {
                    return 0;
                }
                return Long.parseLong(readLine(in).trim());
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Redis did not answer");
    }

    static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
