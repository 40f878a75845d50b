package dev.smskamelets.core.job;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.TimeUtils;

/**
 * {@code job:<name>}: DOWN when the job's last successful run is older than its {@code maxAge} and no run under way
 * counted a record within {@code maxAge} (a backlog draining after a restart is one long run making progress: UP).
 */
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
        if (runs.sharedSuccess() != null) {
            builder.detail("last.success.cluster", runs.sharedSuccess().toString());
        }
        if (runs.getLastFailure() != null) {
            builder.detail("last.failure", runs.getLastFailure());
        }
        if (runs.getLastSummary() != null) {
            builder.detail("last.run", runs.getLastSummary());
        }
        var progressing = runs.progressing();
        progressing.ifPresent(p -> {
            builder.detail("run.in.progress", p.getKey());
            builder.detail("run.last.record", TimeUtils.printDuration(p.getValue().toMillis(), true) + " ago");
            String progress = runs.progressOf(p.getKey());
            if (progress != null) {
                builder.detail("run.progress", progress);
            }
        });
        boolean making = progressing.isPresent() && progressing.get().getValue().toMillis() <= runs.getMaxAge().toMillis();
        if (age > runs.getMaxAge().toMillis() && !making) {
            builder.message("no successful run for " + TimeUtils.printDuration(age, true) + " (max age "
                    + TimeUtils.printDuration(runs.getMaxAge().toMillis(), true) + ")");
            builder.down();
        } else {
            builder.up();
        }
    }
}
