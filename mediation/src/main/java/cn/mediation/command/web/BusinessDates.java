package cn.mediation.command.web;

import java.time.Clock;
import java.time.LocalDate;

/** The edge's check of business dates: present, and not in the future (in the bureau's time zone). */
public class BusinessDates {

    private final Clock clock;

    public BusinessDates(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public void check(LocalDate date, String field, Violations violations) {
        if (violations.required(date, field)) {
            violations.check(!date.isAfter(today()), field, "future",
                             "must not be in the future (today is " + today() + ")", today());
            violations.check(date.getYear() >= 1949, field, "era", "must be a real date of this system's era");
        }
    }
}
