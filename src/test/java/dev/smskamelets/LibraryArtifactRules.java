package dev.smskamelets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the library artifact ({@code sms-kamelets-<version>.jar}, the one users depend on) may not carry: sandbox or
 * demo classes in its entries, and a web server, JDBC driver, connection pool, metrics registry or the sandbox's
 * validator among the runtime dependencies it hands to a consumer. The dependency list is Maven's
 * {@code dependency:tree} output; a node marked {@code (optional)} (and everything below it, which Maven marks too)
 * does not reach a consumer.
 */
final class LibraryArtifactRules {

    /** Jar entries that belong to the {@code -sandbox} artifact. */
    static final List<String> FORBIDDEN_ENTRIES = List.of(
            "dev/smskamelets/sandbox/", "dev/smskamelets/Application", "openapi/", "sms-kamelets-log4j2.properties");

    /** groupId:artifactId prefixes a consumer must not inherit, with the reason named in a violation. */
    static final List<String[]> FORBIDDEN_DEPENDENCIES = List.of(
            new String[] {"io.vertx:", "web server"},
            new String[] {"io.netty:", "web server"},
            new String[] {"io.undertow", "web server"},
            new String[] {"org.eclipse.jetty", "web server"},
            new String[] {"org.apache.tomcat", "web server"},
            new String[] {"org.apache.camel:camel-platform-http-vertx", "web server"},
            new String[] {"org.apache.camel:camel-platform-http-main", "web server"},
            new String[] {"org.apache.camel:camel-undertow", "web server"},
            new String[] {"org.apache.camel:camel-jetty", "web server"},
            new String[] {"org.postgresql:", "JDBC driver"},
            new String[] {"org.mariadb", "JDBC driver"},
            new String[] {"com.mysql", "JDBC driver"},
            new String[] {"com.h2database", "JDBC driver"},
            new String[] {"org.hsqldb", "JDBC driver"},
            new String[] {"com.zaxxer:", "connection pool"},
            new String[] {"com.mchange:", "connection pool"},
            new String[] {"org.springframework:", "JDBC framework (camel-sql)"},
            new String[] {"io.prometheus", "metrics registry"},
            new String[] {"io.micrometer:micrometer-registry-", "metrics registry"},
            new String[] {"org.apache.camel:camel-micrometer-prometheus", "metrics registry"},
            new String[] {"com.atlassian.oai:", "sandbox contract validator"},
            new String[] {"org.apache.logging.log4j:log4j-core", "logging backend (the application's choice)"});

    private static final Pattern NODE = Pattern.compile(
            "([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):[a-z-]+(?::[A-Za-z0-9_.-]+)?:([^: ]+):(compile|runtime|provided|test|system)(.*)$");

    private LibraryArtifactRules() {
    }

    /** The {@code groupId:artifactId:version} of every dependency a consumer inherits at run time. */
    static List<String> inherited(List<String> dependencyTree) {
        List<String> inherited = new ArrayList<>();
        for (int i = 1; i < dependencyTree.size(); i++) { // line 0 is the project itself
            Matcher node = NODE.matcher(dependencyTree.get(i));
            if (node.find() && !node.group(5).contains("(optional)")
                    && (node.group(4).equals("compile") || node.group(4).equals("runtime"))) {
                inherited.add(node.group(1) + ":" + node.group(2) + ":" + node.group(3));
            }
        }
        return inherited;
    }

    static List<String> violations(List<String> dependencyTree, List<String> jarEntries) {
        List<String> violations = new ArrayList<>();
        for (String entry : jarEntries) {
            for (String forbidden : FORBIDDEN_ENTRIES) {
                if (entry.startsWith(forbidden)) {
                    violations.add("jar entry " + entry + " belongs to the sandbox artifact");
                }
            }
        }
        for (String dependency : inherited(dependencyTree)) {
            for (String[] forbidden : FORBIDDEN_DEPENDENCIES) {
                if (dependency.startsWith(forbidden[0])) {
                    violations.add("runtime dependency " + dependency + " is a " + forbidden[1]
                            + ": make it <optional> (documented per feature)");
                }
            }
        }
        return violations;
    }
}
