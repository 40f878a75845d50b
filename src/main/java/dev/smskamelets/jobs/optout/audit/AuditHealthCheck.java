package dev.smskamelets.jobs.optout.audit;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code optout-audit}: DOWN while an opt-out received in the monitoring window is not applied at some target after
 * the SLA's business days (an open breach). Late but applied opt-outs are counted in the details and the
 * {@code sms.optout.audit.sla.breaches} gauge, without holding the check DOWN.
 */
final class AuditHealthCheck extends AbstractHealthCheck {

    static final String ID = "optout-audit";
    private final OptOutAudit audit;

    AuditHealthCheck(OptOutAudit audit) {
        super("sms-jobs", ID);
        this.audit = audit;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        AuditReport.Summary s = audit.summary();
        builder.detail("sla.business.days", audit.getSlaBusinessDays());
        builder.detail("sla.breaches", s.breaches());
        builder.detail("open.breaches", s.openBreaches());
        builder.detail("unapplied", s.unapplied());
        if (s.oldestUnapplied() != null) {
            builder.detail("oldest.unapplied", s.oldestUnapplied().toString());
        }
        if (s.openBreaches() > 0) {
            builder.message(s.openBreaches() + " opt-out target(s) not applied after " + audit.getSlaBusinessDays()
                    + " US business days (see the audit report)");
            builder.down();
        } else {
            builder.up();
        }
    }
}
