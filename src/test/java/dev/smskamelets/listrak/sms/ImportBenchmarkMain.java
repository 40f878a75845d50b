package dev.smskamelets.listrak.sms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The kamelet side of {@link ListrakSmsContactImportBenchmark}, run in its own JVM (so its heap is measured alone):
 * {@code <listrakBaseUrl> <tokenUrl> <clientId> <clientSecret> <csvFile> <resultFile>}.
 */
public final class ImportBenchmarkMain {

    private ImportBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties props = new Properties();
            props.put("secret", args[3]);
            context.getPropertiesComponent().setInitialProperties(props);
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", """
                    - route:
                        from:
                          uri: "direct:import"
                          steps:
                            - to:
                                uri: "kamelet:listrak-sms-contact-import-sink"
                                parameters:
                                  baseUrl: "%s"
                                  authUrl: "%s"
                                  clientId: "%s"
                                  clientSecret: "{{secret}}"
                                  senderCodeId: 1234
                                  phoneColumn: mobile
                                  fieldColumns: "store=301,points=303,anniversary=304"
                                  pollIntervalMillis: 500
                    """.formatted(args[0], args[1], args[2])));
            context.start();
            String result = context.createProducerTemplate().requestBody("direct:import", Path.of(args[4]).toFile(),
                    String.class);
            Files.writeString(Path.of(args[5]), result);
        }
    }
}
