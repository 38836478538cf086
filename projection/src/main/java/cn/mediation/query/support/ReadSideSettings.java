package cn.mediation.query.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read side's rules ({@code mediation.*}).
 *
 * @param overdueDays days after which an open dispute counts as overdue in lists and figures
 */
@ConfigurationProperties("mediation")
public record ReadSideSettings(@DefaultValue("30") int overdueDays) {

    public ReadSideSettings {
        if (overdueDays < 1) {
            throw new IllegalArgumentException("mediation.overdue-days must be at least 1, not " + overdueDays);
        }
    }
}
