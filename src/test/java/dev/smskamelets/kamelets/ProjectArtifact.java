package dev.smskamelets.kamelets;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** The coordinates {@code pom.xml} builds, read from the pom itself (tests run in the project's base directory). */
final class ProjectArtifact {

    static final String GROUP_ID = "dev.smskamelets";
    static final String ARTIFACT_ID = "sms-kamelets";
    private static String version;

    private ProjectArtifact() {
    }

    static synchronized String version() {
        if (version == null) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element project = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
                String group = child(project, "groupId");
                String artifact = child(project, "artifactId");
                if (!GROUP_ID.equals(group) || !ARTIFACT_ID.equals(artifact)) {
                    throw new IllegalStateException("pom.xml builds " + group + ":" + artifact + ", expected "
                            + GROUP_ID + ":" + ARTIFACT_ID);
                }
                version = child(project, "version");
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the project version from pom.xml: " + e.getMessage(), e);
            }
        }
        return version;
    }

    private static String child(Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        throw new IllegalStateException("pom.xml has no project/" + name);
    }
}
