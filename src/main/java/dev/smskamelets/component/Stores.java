package dev.smskamelets.component;

import dev.smskamelets.core.checkpoint.AtomicFileStateRepository;
import dev.smskamelets.core.idempotent.FileIdempotentRepository;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores a source endpoint names ({@code stateRepository}, {@code idempotentRepository}), looked up in the
 * registry when the consumer starts. In a fresh application with no such bean the source still works: a file store is
 * created once under the folder of property {@value #DATA_DIR} (default {@value #DEFAULT_DATA_DIR}, relative to the
 * working directory), bound under the name asked for so every source of the context shares it, and one INFO line
 * names it and how to replace it (a JDBC store for several nodes: see docs/core-store.md).
 */
public final class Stores {

    /** Property naming the folder of the default file stores. */
    public static final String DATA_DIR = "sms-kamelets.data-dir";
    public static final String DEFAULT_DATA_DIR = "sms-kamelets-data";
    /** Store name meaning "in memory, this source's own" (unless a bean has that name). */
    public static final String MEMORY = "memory";
    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    private Stores() {
    }

    /** The checkpoint store bound as {@code name}, else a file store created and bound under that name. */
    @SuppressWarnings("unchecked")
    public static synchronized StateRepository<String, String> state(CamelContext context, String name) {
        Object bean = context.getRegistry().lookupByName(name);
        if (bean == null) {
            Path file = dataDir(context).resolve(name + ".properties");
            bean = new AtomicFileStateRepository(file.toString());
            context.getRegistry().bind(name, bean);
            LOG.info("No bean '{}' in the registry: checkpoints are kept in {} (bind a StateRepository named '{}', "
                    + "e.g. JdbcStateRepository for several nodes, or set {})", name, file.toAbsolutePath(), name, DATA_DIR);
        }
        if (!(bean instanceof StateRepository<?, ?> repository)) {
            throw new IllegalArgumentException("stateRepository '" + name + "' is a " + bean.getClass().getName()
                    + ", not an org.apache.camel.spi.StateRepository");
        }
        ServiceHelper.startService(repository);
        return (StateRepository<String, String>) repository;
    }

    /**
     * The idempotent store bound as {@code name}, else a file store created and bound under that name. The name
     * {@value #MEMORY} without such a bean is a new in-memory store of the caller's own (the latest 1000 keys,
     * forgotten on restart): for sources whose only re-reads are within a run.
     */
    public static synchronized IdempotentRepository idempotent(CamelContext context, String name) {
        Object bean = context.getRegistry().lookupByName(name);
        if (bean == null && MEMORY.equals(name)) {
            return new MemoryIdempotentRepository();
        }
        if (bean == null) {
            Path file = dataDir(context).resolve(name + ".log");
            bean = new FileIdempotentRepository(file.toString());
            context.getRegistry().bind(name, bean);
            LOG.info("No bean '{}' in the registry: idempotent keys are kept in {} (bind an IdempotentRepository named "
                    + "'{}', e.g. JdbcIdempotentRepository for several nodes, or set {})", name, file.toAbsolutePath(),
                    name, DATA_DIR);
        }
        if (!(bean instanceof IdempotentRepository repository)) {
            throw new IllegalArgumentException("idempotentRepository '" + name + "' is a " + bean.getClass().getName()
                    + ", not an org.apache.camel.spi.IdempotentRepository");
        }
        return repository;
    }

    static Path dataDir(CamelContext context) {
        return Path.of(context.getPropertiesComponent().resolveProperty(DATA_DIR).orElse(DEFAULT_DATA_DIR));
    }
}
