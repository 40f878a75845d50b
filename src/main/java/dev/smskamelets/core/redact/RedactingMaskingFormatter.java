package dev.smskamelets.core.redact;

import org.apache.camel.spi.MaskingFormatter;

/**
 * Camel {@link MaskingFormatter} backed by {@link Redactor}: Camel's default mask misses {@code x-api-key},
 * {@code Authorization} headers and bearer tokens. Bind it under the name {@value MaskingFormatter#CUSTOM_LOG_MASK_REF}
 * and turn {@code camel.main.log-mask = true} on, so the {@code log} EIP, the {@code log:} component and the
 * tracer mask with it:
 *
 * <pre>
 * camel.beans.CamelCustomLogMask = #class:dev.smskamelets.core.redact.RedactingMaskingFormatter
 * </pre>
 */
public class RedactingMaskingFormatter implements MaskingFormatter {

    @Override
    public String format(String source) {
        return Redactor.redact(source);
    }
}
