package cn.mediation.bench;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a whole stored history with {@code readEvents(null, false)}, a tracking stream from the start, through our
 * engine and the vendor's, taking turns. Every read is checked: all events, each once (and for ours, in increasing
 * global order).
 */
final class TrackingReadWorkload {

    private final Scale scale;
    private final Report report;

    TrackingReadWorkload(Scale scale, Report report) {
        this.scale = scale;
        this.report = report;
    }

    /** The result of one full read. */
    record Read(long events, double seconds, boolean complete) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    void run(StoredHistory ours, StoredHistory vendor) {
        int rounds = Math.max(scale.trackingRounds(), scale.vendorTrackingRounds());
        List<Double> oursRates = new ArrayList<>();
        List<Double> vendorRates = new ArrayList<>();
        boolean vendorComplete = true;
        StringBuilder vendorNote = new StringBuilder();
        for (int round = 0; round < rounds; round++) {
            boolean oursFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == oursFirst) {
                    if (round < scale.trackingRounds()) {
                        oursRates.add(read(ours, Double.MAX_VALUE, true).eventsPerSecond());
                    }
                } else if (round < scale.vendorTrackingRounds()) {
                    Read vendorRead = read(vendor, scale.vendorReadBudgetSeconds(), false);
                    vendorRates.add(vendorRead.eventsPerSecond());
                    if (!vendorRead.complete()) {
                        vendorComplete = false;
                        vendorNote.append(String.format(Locale.ROOT, " read %d stopped after %.0f s at %,d of %,d "
                                                                + "events;", round + 1, vendorRead.seconds(),
                                                        vendorRead.events(), vendor.events));
                    }
                }
            }
        }
        double oursRate = Stats.median(toArray(oursRates));
        double vendorRate = Stats.median(toArray(vendorRates));
        report.section(String.format("Tracking read: readEvents(null, false) over %,d stored events, batch size %d; "
                                             + "median of %d reads through ours and %d through the vendor's, taking "
                                             + "turns", ours.events, Engines.BATCH_SIZE, oursRates.size(),
                                     vendorRates.size()));
        report.row("ours (bulk load)", ours.loadEventsPerSecond, "events/s (1,000-event appends, no barrier)",
                   "load_events_per_s");
        report.row("vendor (bulk load)", vendor.loadEventsPerSecond, "events/s (1,000-event appends)",
                   "vendor_load_events_per_s");
        report.row("ours", oursRate, "events/s" + rounds(toArray(oursRates)), "tracking_read_events_per_s");
        report.row("vendor axon-mongo", vendorRate, "events/s" + rounds(toArray(vendorRates)),
                   "vendor_tracking_read_events_per_s");
        report.row("ratio ours / vendor", Stats.ratio(oursRate, vendorRate), "", "ratio_tracking_vs_vendor");
        report.put("vendor_tracking_read_complete", vendorComplete);
        if (!vendorComplete) {
            report.note("the vendor's read was cut at its time budget; its rate is over the events it read (each "
                                + "of its batches sorts all the events not yet read, so the first part is the "
                                + "slowest):" + vendorNote);
        }
    }

    private Read read(StoredHistory history, double budgetSeconds, boolean checkOrder) {
        Progress.say("tracking read: %s", history.label);
        Set<String> seen = new HashSet<>(history.events * 2);
        long previousIndex = Long.MIN_VALUE;
        long count = 0;
        long start = System.nanoTime();
        long limit = budgetSeconds == Double.MAX_VALUE ? Long.MAX_VALUE : start + (long) (budgetSeconds * 1e9);
        boolean complete = true;
        try (Stream<? extends TrackedEventMessage<?>> stream = history.engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                TrackedEventMessage<?> event = events.next();
                count++;
                if (!seen.add(event.getIdentifier())) {
                    throw new IllegalStateException(history.label + ": event " + event.getIdentifier()
                                                            + " delivered twice by the tracking read");
                }
                if (checkOrder) {
                    long index = ((GapAwareTrackingToken) event.trackingToken()).getIndex();
                    if (index <= previousIndex) {
                        throw new IllegalStateException(history.label + ": token index went from " + previousIndex
                                                                + " to " + index);
                    }
                    previousIndex = index;
                }
                if ((count & 255) == 0 && System.nanoTime() > limit) {
                    complete = false;
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (complete && count != history.events) {
            throw new IllegalStateException(history.label + ": the tracking read returned " + count + " events, "
                                                    + history.events + " are stored");
        }
        return new Read(count, seconds, complete);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String rounds(double[] rates) {
        StringBuilder text = new StringBuilder("  (reads:");
        for (double rate : rates) {
            text.append(' ').append(Report.format(rate));
        }
        return text.append(')').toString();
    }
}
