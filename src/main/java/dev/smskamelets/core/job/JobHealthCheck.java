package dev.smskamelets.core.job;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.TimeUtils;

/** {@code job:<name>}: DOWN when the job's last successful run is older than its {@code maxAge}. */
final class JobHealthCheck extends AbstractHealthCheck {

    private final JobRuns runs;

    JobHealthCheck(JobRuns runs) {
        super("sms-jobs", "job:" + runs.getJob());
        this.runs = runs;
    }

    @Override
    public boolean isLiveness() {
        return false; // a stale job is not ready, restarting the process does not fix a vendor outage
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long age = runs.lastSuccessAge().toMillis();
        builder.detail("job", runs.getJob());
        builder.detail("max.age", TimeUtils.printDuration(runs.getMaxAge().toMillis(), true));
        builder.detail("last.success", runs.getLastSuccess() == null ? "none since start" : runs.getLastSuccess().toString());
        if (runs.getLastFailure() != null) {
            builder.detail("last.failure", runs.getLastFailure());
        }
        if (runs.getLastSummary() != null) {
            builder.detail("last.run", runs.getLastSummary());
        }
        if (age > runs.getMaxAge().toMillis()) {
            builder.message("no successful run for " + TimeUtils.printDuration(age, true) + " (max age "
                    + TimeUtils.printDuration(runs.getMaxAge().toMillis(), true) + ")");
            builder.down();
        } else {
            builder.up();
        }
    }
}
