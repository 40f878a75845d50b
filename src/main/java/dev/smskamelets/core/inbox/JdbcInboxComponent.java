package dev.smskamelets.core.inbox;

import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code sms-inbox:<inbox>}: the durable web hook inbox of cluster mode on PostgreSQL ({@link JdbcInbox}). As a
 * producer it adds the message body as an entry (committed before the route answers the vendor); as a consumer it
 * claims entries with a lease, hands each to the route (header {@code CamelFileName} the entry's name,
 * {@code CamelFilePath} {@code <inbox>/<id>}, so the routes of the folder inbox work unchanged), deletes an applied
 * entry and releases a failed one for a retry after {@code retryDelay}. Several nodes drain one inbox; an entry is
 * in flight on one node at a time.
 *
 * <p>Options: {@code dataSource} (default the registry's {@code smsDataSource}), {@code tableName} (default
 * {@code sms_kamelets_inbox}), {@code node} (this node's id in claims; default host name and process id),
 * {@code lease} (default 30 s, renewed every poll while in flight), {@code retryDelay} (default 10 s),
 * {@code maxMessagesPerPoll} (default 20), {@code maxInFlight} (default 50), and the polling options of every
 * scheduled consumer ({@code delay}, default 250 ms).
 *
 * <p>Not in the component catalogue: cluster mode ({@code dev.smskamelets.core.cluster.ClusterMode}) adds it to the
 * context (docs/cluster.md); add it yourself with {@code context.addComponent("sms-inbox", new JdbcInboxComponent())}.
 */
public class JdbcInboxComponent extends DefaultComponent {

    public static final String SCHEME = "sms-inbox";
    private DataSource dataSource;
    private String node;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Invalid " + SCHEME + " endpoint '" + uri + "': expected sms-inbox:<inbox name>");
        }
        JdbcInboxEndpoint endpoint = new JdbcInboxEndpoint(uri, this, remaining);
        endpoint.setDataSource(dataSource);
        endpoint.setNode(node);
        endpoint.setDelay(250);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getNode() {
        return node;
    }

    /** This node's id in the claims (default host name and process id). */
    public void setNode(String node) {
        this.node = node;
    }
}
