package dev.smskamelets.core.deadletter;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.main.Main;

/**
 * Command line for the dead-letter store:
 *
 * <pre>
 * java -cp target/sms-kamelets-runner.jar dev.smskamelets.core.deadletter.DeadLetters [store options] command
 *   store options: --dir data/dead-letters (default)
 *                | --jdbc-url jdbc:postgresql://host/db --jdbc-user u --jdbc-password-env PGPASSWORD [--table t]
 *   commands:      list [max] | count | show &lt;id&gt; | delete &lt;id&gt;
 *                | replay &lt;endpoint&gt; [--limit n] [--routes file:routes/x.yaml]
 * </pre>
 *
 * {@code replay} starts Camel Main with the application's configuration ({@code application.properties}: kamelet
 * locations, beans, credentials placeholders) but no job routes unless {@code --routes} names some, sends every
 * record to the endpoint (typically a {@code kamelet:...-sink?...} URI) and removes the handled ones.
 */
public final class DeadLetters {

    /** A route pattern that matches nothing: replay starts no job routes unless --routes names some. */
    static final String NO_ROUTES = "classpath:dev/smskamelets/core/deadletter/no-routes/*.yaml";

    private DeadLetters() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:sms-kamelets-log4j2.properties");
        }
        int code = run(args, System.out);
        if (code != 0) {
            Runtime.getRuntime().halt(code);
        }
    }

    /** Runs one command; returns the exit code (0 ok, 1 not found / failed, 2 usage). */
    public static int run(String[] argv, PrintStream out) throws Exception {
        List<String> args = new ArrayList<>(List.of(argv));
        String dir = option(args, "--dir", "data/dead-letters");
        String url = option(args, "--jdbc-url", null);
        String user = option(args, "--jdbc-user", "postgres");
        String passwordEnv = option(args, "--jdbc-password-env", null);
        String table = option(args, "--table", "sms_kamelets_dead_letter");
        int limit = Integer.parseInt(option(args, "--limit", "1000"));
        String routes = option(args, "--routes", "");
        if (args.isEmpty()) {
            out.println("usage: DeadLetters [--dir d | --jdbc-url u ...] list [max] | count | show <id> | delete <id>"
                    + " | replay <endpoint> [--limit n] [--routes pattern]");
            return 2;
        }
        HikariDataSource ds = null;
        try {
            DeadLetterStore store;
            if (url != null) {
                ds = new HikariDataSource();
                ds.setJdbcUrl(url);
                ds.setUsername(user);
                if (passwordEnv != null) {
                    ds.setPassword(System.getenv(passwordEnv));
                }
                store = new JdbcDeadLetterStore(ds, table);
            } else {
                store = new FileDeadLetterStore(dir);
            }
            return command(store, args, limit, routes, out);
        } finally {
            if (ds != null) {
                ds.close();
            }
        }
    }

    private static int command(DeadLetterStore store, List<String> args, int limit, String routes, PrintStream out)
            throws Exception {
        String arg = args.size() > 1 ? args.get(1) : null;
        switch (args.get(0)) {
            case "list" -> {
                for (DeadLetter l : store.list(arg == null ? limit : Integer.parseInt(arg))) {
                    out.printf("%s %s job=%s target=%s attempts=%d %s%s%s: %s%n", l.id(), l.time(), l.job(), l.target(),
                            l.attempts(), l.error().type(), l.error().status() == null ? "" : " status=" + l.error().status(),
                            l.error().vendorCode() == null ? "" : " code=" + l.error().vendorCode(), l.error().message());
                }
                return 0;
            }
            case "count" -> {
                out.println(store.count());
                return 0;
            }
            case "show" -> {
                var letter = store.get(required(arg, "id"));
                letter.ifPresentOrElse(l -> out.println(DeadLetterJson.write(l)), () -> out.println("no dead letter " + arg));
                return letter.isPresent() ? 0 : 1;
            }
            case "delete" -> {
                boolean removed = store.remove(required(arg, "id"));
                out.println(removed ? "deleted " + arg : "no dead letter " + arg);
                return removed ? 0 : 1;
            }
            case "replay" -> {
                return replay(store, required(arg, "endpoint"), limit, routes, out);
            }
            default -> {
                out.println("unknown command '" + args.get(0) + "' (list, count, show, delete, replay)");
                return 2;
            }
        }
    }

    private static int replay(DeadLetterStore store, String endpoint, int limit, String routes, PrintStream out)
            throws Exception {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(
                "file:application.properties;optional=true,classpath:application.properties;optional=true");
        if (routes.isBlank()) {
            main.addOverrideProperty("camel.main.routes-include-pattern", NO_ROUTES);
        } else {
            main.addOverrideProperty("camel.main.routes-include-pattern", routes);
        }
        main.addOverrideProperty("camel.main.name", "dead-letter-replay");
        // with sms-kamelets.cluster.enabled=true (as on the nodes) the cluster's endpoints exist here too, e.g. a
        // replay into the web hook inbox table: replay 'sms-inbox:optout' (docs/cluster.md)
        main.addMainListener(new dev.smskamelets.core.cluster.ClusterMode());
        main.start();
        try {
            DeadLetterReplay replay = new DeadLetterReplay();
            replay.setStore(store);
            replay.setEndpoint(endpoint);
            replay.setLimit(limit);
            DeadLetterReplay.Result result = replay.replayAll(main.getCamelContext());
            out.println(result);
            return result.kept() == 0 ? 0 : 1;
        } finally {
            main.stop();
        }
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("Option " + name + " needs a value");
        }
        String value = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return value;
    }

    private static String required(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("Missing " + what);
        }
        return value;
    }
}
