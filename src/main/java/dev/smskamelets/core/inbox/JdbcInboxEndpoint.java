package dev.smskamelets.core.inbox;

import dev.smskamelets.core.store.Durations;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.ScheduledPollEndpoint;

/** An {@code sms-inbox:<inbox>} endpoint (see {@link JdbcInboxComponent}). */
public class JdbcInboxEndpoint extends ScheduledPollEndpoint {

    private final String inboxName;
    private DataSource dataSource;
    private String tableName;
    private String node;
    private Duration lease = Duration.ofSeconds(30);
    private Duration retryDelay = Duration.ofSeconds(10);
    private int maxMessagesPerPoll = 20;
    private int maxInFlight = 50;
    private volatile JdbcInbox inbox;

    public JdbcInboxEndpoint(String uri, JdbcInboxComponent component, String inboxName) {
        super(uri, component);
        this.inboxName = inboxName;
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(org.apache.camel.Exchange exchange) {
                String name = exchange.getMessage().getHeader(org.apache.camel.Exchange.FILE_NAME, exchange.getExchangeId(),
                        String.class);
                inbox().add(inboxName, name, exchange.getMessage().getBody(String.class));
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        JdbcInboxConsumer consumer = new JdbcInboxConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The table (created when missing, on first use). */
    public synchronized JdbcInbox inbox() {
        if (inbox == null) {
            DataSource ds = dataSource != null ? dataSource
                    : getCamelContext().getRegistry().lookupByNameAndType("smsDataSource", DataSource.class);
            if (ds == null) {
                throw new IllegalStateException(JdbcInboxComponent.SCHEME + ":" + inboxName
                        + ": no dataSource (set dataSource=#bean:name or bind a DataSource named smsDataSource)");
            }
            JdbcInbox table = new JdbcInbox();
            table.setDataSource(ds);
            if (tableName != null) {
                table.setTableName(tableName);
            }
            table.start();
            inbox = table;
        }
        return inbox;
    }

    public String getInboxName() {
        return inboxName;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** This node's id in claims: the option, else host name and process id (a restarted process is another node). */
    public String getNode() {
        if (node == null || node.isBlank()) {
            node = ManagementFactory.getRuntimeMXBean().getName();
        }
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(String lease) {
        Duration d = Durations.parse("lease", lease);
        if (d.toMillis() < 1000) {
            throw new IllegalArgumentException("Invalid lease '" + lease + "': at least one second");
        }
        this.lease = d;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(String retryDelay) {
        this.retryDelay = Durations.parse("retryDelay", retryDelay);
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        if (maxMessagesPerPoll < 1) {
            throw new IllegalArgumentException("Invalid maxMessagesPerPoll '" + maxMessagesPerPoll + "': at least 1");
        }
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("Invalid maxInFlight '" + maxInFlight + "': at least 1");
        }
        this.maxInFlight = maxInFlight;
    }
}
