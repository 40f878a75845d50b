package dev.smskamelets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * What the library artifact's OSGi manifest (Karaf, docs/runtimes-karaf.md) must say about the jar it is in: its
 * symbolic name; every library package of the jar exported with a version; every Camel package imported with the
 * range of the Camel minor it is built with up to the next major; nothing of the sandbox imported, exported or shipped;
 * no package the bundle contains also present in a Camel jar (a split package: OSGi wires a package to one bundle
 * only); the catalogue, the jobs and the components' factory files ({@code META-INF/services/org/apache/camel/...},
 * how Camel discovers a component in OSGi too) in the jar.
 */
final class BundleManifestRules {

    static final String SYMBOLIC_NAME = "dev.smskamelets.sms-kamelets";
    static final String CAMEL_RANGE = "[4.18,5)";
    static final String SANDBOX = "dev.smskamelets.sandbox";

    private BundleManifestRules() {
    }

    /**
     * @param manifest      the jar's manifest
     * @param entries       the jar's entry names
     * @param otherPackages package name to the Camel jar that holds it (the runtime dependencies')
     * @param components    the component schemes whose factory file the jar must carry
     */
    static List<String> violations(Manifest manifest, List<String> entries, Map<String, String> otherPackages,
            List<String> components) {
        List<String> violations = new ArrayList<>();
        Attributes main = manifest.getMainAttributes();
        if (!"2".equals(main.getValue("Bundle-ManifestVersion"))) {
            violations.add("Bundle-ManifestVersion is " + main.getValue("Bundle-ManifestVersion") + ", not 2");
        }
        String symbolicName = main.getValue("Bundle-SymbolicName");
        if (!SYMBOLIC_NAME.equals(symbolicName)) {
            violations.add("Bundle-SymbolicName is " + symbolicName + ", not " + SYMBOLIC_NAME);
        }
        Map<String, String> exports = clauses(main.getValue("Export-Package"));
        Map<String, String> imports = clauses(main.getValue("Import-Package"));
        Set<String> contained = packages(entries);

        for (String pkg : contained) {
            if (isSandbox(pkg)) {
                violations.add("package " + pkg + " is in the jar: the sandbox ships in the -sandbox artifact only");
            } else if (pkg.startsWith("dev.smskamelets.") && !exports.containsKey(pkg)) {
                violations.add("package " + pkg + " is in the jar but not in Export-Package");
            }
            if (otherPackages.containsKey(pkg)) {
                violations.add("package " + pkg + " is split: in this bundle and in " + otherPackages.get(pkg));
            }
        }
        exports.forEach((pkg, attributes) -> {
            if (isSandbox(pkg)) {
                violations.add("Export-Package " + pkg + " is the sandbox's");
            } else if (!contained.contains(pkg)) {
                violations.add("Export-Package " + pkg + " has no class in the jar");
            }
            if (attribute(attributes, "version") == null) {
                violations.add("Export-Package " + pkg + " has no version");
            }
            if (otherPackages.containsKey(pkg) && !contained.contains(pkg)) {
                violations.add("Export-Package " + pkg + " is split: also in " + otherPackages.get(pkg));
            }
        });
        imports.forEach((pkg, attributes) -> {
            if (isSandbox(pkg)) {
                violations.add("Import-Package " + pkg + " is the sandbox's");
            }
            if ((pkg.equals("org.apache.camel") || pkg.startsWith("org.apache.camel."))
                    && !CAMEL_RANGE.equals(attribute(attributes, "version"))) {
                violations.add("Import-Package " + pkg + " has version " + attribute(attributes, "version") + ", not "
                        + CAMEL_RANGE);
            }
        });
        if (entries.stream().noneMatch(e -> e.matches("kamelets/[^/]+\\.kamelet\\.yaml"))) {
            violations.add("the jar holds no kamelets/*.kamelet.yaml");
        }
        if (entries.stream().noneMatch(e -> e.matches("routes/[^/]+\\.yaml"))) {
            violations.add("the jar holds no routes/*.yaml");
        }
        for (String scheme : components) {
            String factory = "META-INF/services/org/apache/camel/component/" + scheme;
            if (!entries.contains(factory)) {
                violations.add("the jar holds no " + factory + ": Camel cannot discover component " + scheme);
            }
        }
        return violations;
    }

    static boolean isSandbox(String pkg) {
        return pkg.equals(SANDBOX) || pkg.startsWith(SANDBOX + ".");
    }

    /** The packages of the classes among {@code entries}. */
    static Set<String> packages(List<String> entries) {
        Set<String> packages = new TreeSet<>();
        for (String entry : entries) {
            int slash = entry.lastIndexOf('/');
            if (entry.endsWith(".class") && slash > 0 && !entry.startsWith("META-INF/")) {
                packages.add(entry.substring(0, slash).replace('/', '.'));
            }
        }
        return packages;
    }

    /**
     * An OSGi header ({@code Export-Package}, {@code Import-Package}) as package name to the rest of its clause
     * ({@code ;version="[1,2)";resolution:=optional}); commas and semicolons inside quotes belong to the value.
     */
    static Map<String, String> clauses(String header) {
        Map<String, String> clauses = new LinkedHashMap<>();
        if (header == null) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            StringBuilder attributes = new StringBuilder();
            List<String> names = new ArrayList<>();
            for (String part : parts) {
                if (part.contains("=")) {
                    attributes.append(';').append(part.strip());
                } else {
                    names.add(part.strip());
                }
            }
            names.forEach(name -> clauses.put(name, attributes.toString()));
        }
        return clauses;
    }

    /** The value of {@code name=} (not a {@code name:=} directive) in a clause's attributes, unquoted. */
    static String attribute(String attributes, String name) {
        for (String part : split(attributes, ';')) {
            String p = part.strip();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                if (!current.toString().isBlank()) {
                    parts.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
