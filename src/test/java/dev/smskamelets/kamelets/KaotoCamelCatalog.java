package dev.smskamelets.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Camel K CRD schemas (Kamelet, Pipe) and the Apache Kamelet catalogue of the Camel version this
 * project builds with, read from the npm package {@code @kaoto/camel-catalog} that the build fetches into
 * {@code target/camel-catalog/} (pom.xml, profile {@code camel-catalog}; its files are never committed).
 *
 * <p>The package's {@code dist/camel-catalog/index.json} lists one catalogue per runtime and Camel version; the one
 * used is the Camel Main runtime of the newest upstream patch release of the pom's {@code camel.version}
 * major.minor (4.18.x), and its own index names the hashed schema files ({@code crd-schema-pipe-<hash>.json}...).
 */
final class KaotoCamelCatalog {

    static final Path DIRECTORY = Path.of("target/camel-catalog");
    private static final String ROOT = "package/dist/camel-catalog/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KaotoCamelCatalog instance;

    final Path tarball;
    final String camelVersion;
    /** name of the catalogue used, e.g. "Camel Main 4.18.4" */
    final String catalogName;
    /** Camel K version of the CRD schemas, e.g. "2.3.1" */
    final String crdVersion;
    final JsonNode kameletSchema;
    final JsonNode pipeSchema;
    /** Apache's Kamelets by name (the Kamelet resources as JSON). */
    final Map<String, JsonNode> apacheKamelets;

    private KaotoCamelCatalog(Path tarball, String camelVersion, Map<String, byte[]> files) throws IOException {
        this.tarball = tarball;
        this.camelVersion = camelVersion;
        JsonNode index = JSON.readTree(required(files, ROOT + "index.json"));
        String minor = camelVersion.replaceFirst("^(\\d+\\.\\d+)\\..*$", "$1");
        Pattern upstream = Pattern.compile("^" + Pattern.quote(minor) + "\\.(\\d+)$");
        JsonNode chosen = null;
        int patch = -1;
        for (JsonNode definition : index.path("definitions")) {
            Matcher m = upstream.matcher(definition.path("version").asText());
            if ("Main".equals(definition.path("runtime").asText()) && m.matches()
                    && Integer.parseInt(m.group(1)) > patch) {
                chosen = definition;
                patch = Integer.parseInt(m.group(1));
            }
        }
        if (chosen == null) {
            throw new IllegalStateException(tarball + " has no Camel Main " + minor + ".x catalogue in " + ROOT
                    + "index.json: pick a version of @kaoto/camel-catalog that has one (pom.xml "
                    + "kaoto-camel-catalog.version)");
        }
        catalogName = chosen.path("name").asText();
        String fileName = chosen.path("fileName").asText();
        String folder = ROOT + fileName.substring(0, fileName.lastIndexOf('/') + 1);
        JsonNode catalogIndex = JSON.readTree(required(files, ROOT + fileName));
        JsonNode schemas = catalogIndex.path("schemas");
        crdVersion = schemas.path("Pipe").path("version").asText();
        kameletSchema = JSON.readTree(required(files, folder + schemas.path("Kamelet").path("file").asText()));
        pipeSchema = JSON.readTree(required(files, folder + schemas.path("Pipe").path("file").asText()));
        JsonNode kamelets = JSON.readTree(required(files,
                folder + catalogIndex.path("catalogs").path("kamelets").path("file").asText()));
        Map<String, JsonNode> byName = new HashMap<>();
        kamelets.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
        apacheKamelets = Map.copyOf(byName);
    }

    /** The catalogue of the package the build fetched; fails, saying how to get it, when it is not there. */
    static synchronized KaotoCamelCatalog get() {
        if (instance == null) {
            Path tarball = tarball();
            try {
                instance = new KaotoCamelCatalog(tarball, camelVersion(), read(tarball));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + tarball + ": " + e.getMessage(), e);
            }
        }
        return instance;
    }

    private static Path tarball() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(DIRECTORY)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(DIRECTORY, "kaoto-camel-catalog-*.tgz")) {
                files.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no kaoto-camel-catalog-*.tgz in " + DIRECTORY.toAbsolutePath()
                    + ": the build fetches it with npm in generate-test-resources (pom.xml profile camel-catalog; "
                    + "needs npm and the npm registry, or the package in npm's cache)");
        }
        // several after a version bump without clean: the newest file
        return found.stream().max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
    }

    /** The pom's {@code camel.version} property. */
    static String camelVersion() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
            NodeList properties = project.getElementsByTagName("camel.version");
            if (properties.getLength() == 0) {
                throw new IllegalStateException("pom.xml has no camel.version property");
            }
            return properties.item(0).getTextContent().strip();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read camel.version from pom.xml: " + e.getMessage(), e);
        }
    }

    private static byte[] required(Map<String, byte[]> files, String name) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalStateException("the package has no " + name);
        }
        return content;
    }

    /**
     * The entries of an npm tarball (a gzipped ustar archive) that this class needs: the top index, the Camel Main
     * catalogues' indexes, CRD schemas and Kamelet aggregates. The others (component catalogues, hundreds of MB) are
     * skipped without being kept.
     */
    static Map<String, byte[]> read(Path tarball) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break; // end of archive
                }
                String name = text(header, 0, 100);
                String prefix = "ustar".equals(text(header, 257, 5)) ? text(header, 345, 155) : "";
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(text(header, 124, 12).strip().isEmpty() ? "0" : text(header, 124, 12).strip(), 8);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                if (type == 'x' || type == 'L') {
                    byte[] extended = in.readNBytes((int) padded);
                    longName = type == 'L' ? text(extended, 0, (int) size) : paxPath(extended, (int) size);
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if ((type == '0' || type == 0) && wanted(name)) {
                    byte[] content = in.readNBytes((int) size);
                    in.skipNBytes(padded - size);
                    files.put(name, content);
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
        return files;
    }

    private static boolean wanted(String name) {
        if (name.equals(ROOT + "index.json")) {
            return true;
        }
        if (!name.startsWith(ROOT + "camel-main/")) {
            return false;
        }
        String file = name.substring(name.lastIndexOf('/') + 1);
        return file.startsWith("index") || file.startsWith("crd-schema-") || file.startsWith("kamelets-aggregate");
    }

    private static String paxPath(byte[] extended, int size) {
        for (String record : new String(extended, 0, size, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
