package dev.smskamelets.core.http.paging;

import dev.smskamelets.core.checkpoint.Checkpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Where a paged read resumes: {@link #restore()} gives the token of the page to start with (null = the style's
 * first page), {@link #save(String)} is called once every record of a page was handed off, with the next page's
 * token (null at the end of a complete pass).
 */
public interface PageCheckpoint {

    String restore();

    void save(String next);

    /**
     * The checkpoint behind a registry bean: a Camel {@link StateRepository} keeps page tokens under {@code key}
     * (cursor, page number or watermark; cleared after a complete pass), a core-store {@link Checkpoint} keeps a
     * time-window watermark with its lookback (only for {@code time-window} paging).
     */
    static PageCheckpoint of(CamelContext context, String beanName, String key, String paging) {
        String name = beanName.startsWith("#bean:") ? beanName.substring(6) : beanName;
        return of(context.getRegistry().lookupByName(name), beanName, key, paging);
    }

    /** The checkpoint behind {@code bean} ({@code label} names it in errors). */
    @SuppressWarnings("unchecked")
    static PageCheckpoint of(Object bean, String beanName, String key, String paging) {
        if (bean instanceof Checkpoint checkpoint) {
            if (!"time-window".equals(paging)) {
                throw new IllegalArgumentException("checkpoint '" + beanName + "' is a time watermark (Checkpoint): it"
                        + " only fits time-window paging, not '" + paging + "'; name a StateRepository bean instead");
            }
            return new PageCheckpoint() {
                @Override public String restore() { return checkpoint.readFromText(); }
                @Override public void save(String next) {
                    if (next != null) {
                        checkpoint.advanceToText(next);
                    }
                }
            };
        }
        if (bean instanceof StateRepository<?, ?> raw) {
            StateRepository<String, String> repository = (StateRepository<String, String>) raw;
            ServiceHelper.startService(repository); // a file repository loads its file on start
            return new PageCheckpoint() {
                @Override public String restore() {
                    String saved = repository.getState(key);
                    return saved == null || saved.isEmpty() ? null : saved;
                }
                @Override public void save(String next) { repository.setState(key, next == null ? "" : next); }
            };
        }
        throw new IllegalArgumentException("checkpoint '" + beanName + "' names no StateRepository or Checkpoint bean"
                + " in the registry (found " + (bean == null ? "nothing" : bean.getClass().getName()) + ")");
    }
}
