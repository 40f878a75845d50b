package dev.smskamelets.test;

import dev.smskamelets.Application;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.SandboxWiring;
import dev.smskamelets.sandbox.StopSimulator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local cluster for a person to watch ({@code src/test/cluster/run-local-cluster.sh}): the sandbox (a customer
 * texting STOP every 2 s), three nodes of the opt-out job in cluster mode on the local PostgreSQL (schema
 * {@code local_cluster}), and a round-robin load balancer in front of their web hooks. Every 5 s one line: which node
 * ran the latest passes, which nodes answered web hooks, how many opt-outs were written. A node that dies
 * ({@code kill -9 <pid>}) is started again after 15 s. Ctrl-C stops everything.
 */
public final class LocalCluster {

    static final int NODES = 3;
    static final Pattern PASS = Pattern.compile("cluster pass route=(\\S+) node=(\\S+) start=(\\S+)");

    private LocalCluster() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("jdbc.user", "postgres");
        String password = System.getProperty("jdbc.password", "");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS local_cluster");
        }
        Path dir = Path.of("target/local-cluster");
        Files.createDirectories(dir);
        String secret = Long.toHexString(Double.doubleToLongBits(Math.random())) + "relay";
        Sandbox sandbox = Sandbox.builder().port(8089).seed(42)
                .option("textable.relayWebhook", "http://127.0.0.1:8080/textable/relay/" + secret).start();
        StopSimulator stops = new StopSimulator(sandbox, 101, "+15125550100").start(Duration.ofSeconds(2));
        RoundRobinProxy lb = new RoundRobinProxy(8080, List.of(8081, 8082, 8083));
        Process[] nodes = new Process[NODES];
        Instant[] died = new Instant[NODES];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process node : nodes) {
                if (node != null) {
                    node.destroy();
                }
            }
            stops.close();
            lb.close();
            sandbox.stop();
        }));
        for (int i = 0; i < NODES; i++) {
            nodes[i] = start(i, sandbox, url + (url.contains("?") ? "&" : "?") + "currentSchema=local_cluster", user, password,
                    secret, dir);
            if (i == 0) {
                Thread.sleep(8000); // the first node registers the Text Request hook before the others start
            }
        }
        System.out.println("Local cluster: sandbox " + sandbox.baseUrl() + ", load balancer http://127.0.0.1:8080, nodes"
                + " 8081-8083 (health: http://127.0.0.1:9871/observe/health ...), logs in " + dir.toAbsolutePath()
                + "; kill -9 a node's pid and watch another take over; Ctrl-C stops everything.");
        while (true) {
            Thread.sleep(5000);
            StringBuilder line = new StringBuilder(java.time.LocalTime.now().withNano(0).toString());
            for (int i = 0; i < NODES; i++) {
                if (nodes[i] != null && !nodes[i].isAlive()) {
                    System.out.println("node-" + i + " (pid " + nodes[i].pid() + ") died; started again in 15 s");
                    nodes[i] = null;
                    died[i] = Instant.now();
                } else if (nodes[i] == null && died[i] != null && died[i].plusSeconds(15).isBefore(Instant.now())) {
                    nodes[i] = start(i, sandbox, url + (url.contains("?") ? "&" : "?") + "currentSchema=local_cluster",
                            user, password, secret, dir);
                    died[i] = null;
                }
                line.append(" | node-").append(i).append(nodes[i] == null ? " down" : " pid " + nodes[i].pid());
            }
            line.append(" | latest passes: ").append(latestPasses(dir));
            Map<Integer, Long> answers = new java.util.TreeMap<>();
            lb.answers().forEach(a -> answers.merge(a.node(), 1L, Long::sum));
            line.append(" | web hooks answered per node: ").append(answers);
            line.append(" | ledger writes: ").append(sandbox.ledger().entries(e -> true).size());
            System.out.println(line);
        }
    }

    private static Process start(int i, Sandbox sandbox, String url, String user, String password, String secret, Path dir)
            throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.main.routes-include-pattern", "file:routes/optout-propagation.yaml");
        p.put("sandbox.enabled", "false");
        p.putAll(SandboxWiring.properties(sandbox));
        p.put("camel.server.port", String.valueOf(8081 + i));
        p.put("camel.management.port", String.valueOf(9871 + i));
        p.put("optout.schedule", "0/5 * * * * ?");
        p.put("optout.textrequest.webhook-url", "http://127.0.0.1:8080/textrequest/webhook/contact_updated");
        p.put("optout.textable.relay-secret", secret);
        p.put("sms-kamelets.cluster.enabled", "true");
        p.put("sms-kamelets.cluster.jdbc-url", url);
        p.put("sms-kamelets.cluster.username", user);
        p.put("sms-kamelets.cluster.node-id", "node-" + i);
        p.put("camel.beans.optoutAudit.directory", dir.resolve("node-" + i + "/audit").toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        p.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(Application.class.getName());
        Path log = dir.resolve("node-" + i + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!password.isEmpty()) {
            builder.environment().put("SMS_KAMELETS_CLUSTER_PASSWORD", password);
        }
        Process node = builder.start();
        System.out.println("node-" + i + ": pid " + node.pid() + ", web hooks on 8" + (81 + i) + ", log " + log);
        return node;
    }

    /** Route → node of the latest pass in the logs. */
    private static Map<String, String> latestPasses(Path dir) {
        Map<String, String[]> latest = new java.util.TreeMap<>();
        for (int i = 0; i < NODES; i++) {
            try {
                for (String l : Files.readAllLines(dir.resolve("node-" + i + ".log"))) {
                    Matcher m = PASS.matcher(l);
                    if (m.find() && (!latest.containsKey(m.group(1)) || latest.get(m.group(1))[1].compareTo(m.group(3)) < 0)) {
                        latest.put(m.group(1), new String[] {m.group(2), m.group(3)});
                    }
                }
            } catch (Exception e) {
                // no log yet
            }
        }
        Map<String, String> out = new java.util.TreeMap<>();
        latest.forEach((route, v) -> out.put(route.replace("optout-", ""), v[0]));
        return out;
    }
}
