package dev.smskamelets.core.job;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultMessage;

/**
 * The first step of every polling source kamelet ({@code quartz:} consumer): replaces the trigger's message by a
 * plain, empty one, so the Quartz headers ({@code fireTime}, {@code jobDetail}, {@code trigger}, {@code scheduler},
 * {@code mergedJobDataMap}, ...) never reach the sink.
 *
 * <p>{@code removeHeaders: "*"} is not enough, read in Camel 4.18's sources: camel-quartz's {@code QuartzMessage}
 * fills its headers lazily from the {@code JobExecutionContext} ({@code populateInitialHeaders}) whenever a header
 * map is first created, and {@code newInstance()} gives a new {@code QuartzMessage} of the same trigger. So every
 * copy of the message rebuilds the trigger headers: the bean language ({@code ${bean:...}}, a {@code method}
 * expression) invokes the bean on a copy and puts the copy's out-message headers back into the original's
 * ({@code BeanExpression.invokeBean}), which brings them all back after {@code removeHeaders}; and each split copy
 * ({@code Message.copy()} = {@code newInstance()} + {@code copyFrom}) builds the 17 trigger headers only to clear
 * them again. A {@code DefaultMessage} has no trigger to read from, so its copies stay as they are.
 */
public final class TriggerMessage {

    private TriggerMessage() {
    }

    /** Puts a new message without body or headers on the exchange (the exchange, its id and properties stay). */
    public static void detach(Exchange exchange) {
        exchange.setIn(new DefaultMessage(exchange));
    }
}
