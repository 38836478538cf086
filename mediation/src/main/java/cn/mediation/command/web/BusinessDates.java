package cn.mediation.command.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;

/**
 * The edge's check of business dates (in the bureau's time zone): present, not in the future, not before the
 * system's first day ({@code earliest}, by default 2000-01-01); and a registration not older than {@code
 * registrationAge} before today (late entry of a case is allowed that long). So one mistyped year cannot put a case
 * decades back, where every list and figure would have to reach for it.
 */
public class BusinessDates {

    public static final LocalDate DEFAULT_EARLIEST = LocalDate.of(2000, 1, 1);
    public static final Period DEFAULT_REGISTRATION_AGE = Period.ofYears(5);

    private final Clock clock;
    private final LocalDate earliest;
    private final Period registrationAge;

    public BusinessDates(Clock clock) {
        this(clock, DEFAULT_EARLIEST, DEFAULT_REGISTRATION_AGE);
    }

    public BusinessDates(Clock clock, LocalDate earliest, Period registrationAge) {
        this.clock = clock;
        this.earliest = earliest;
        this.registrationAge = registrationAge;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public void check(LocalDate date, String field, Violations violations) {
        if (violations.required(date, field)) {
            violations.check(!date.isAfter(today()), field, "future",
                             "must not be in the future (today is " + today() + ")", today());
            violations.check(!date.isBefore(earliest), field, "earliest", "must not be before " + earliest, earliest);
        }
    }

    /** A registration's date: as {@link #check}, and no older than the allowed span before today. */
    public void checkRegistration(LocalDate date, String field, Violations violations) {
        check(date, field, violations);
        if (date != null && !date.isBefore(earliest)) {
            LocalDate oldest = today().minus(registrationAge);
            violations.check(!date.isBefore(oldest), field, "registrationAge", "must not be before " + oldest
                    + " (a registration is entered at most " + registrationAge.getYears() + " year(s) late)",
                             oldest, registrationAge.getYears());
        }
    }

    /** A date that precedes the business dates (when a dispute arose): not in the future, not before earliest. */
    public void checkEarlier(LocalDate date, String field, Violations violations) {
        if (date != null) {
            violations.check(!date.isAfter(today()), field, "future",
                             "must not be in the future (today is " + today() + ")", today());
            violations.check(!date.isBefore(earliest), field, "earliest", "must not be before " + earliest, earliest);
        }
    }
}
