package cn.mediation.bench;

/**
 * How much work each workload does. {@link #FULL} is the reference run; {@link #QUICK} is one tenth of its data.
 *
 * @param name                    "full" or "quick"
 * @param appendsPerRound         single-event appends per round and per variant
 * @param appendRounds            measured rounds (the figure is their median); a warm-up round of half the size
 *                                comes first
 * @param eventsPerAggregate      events of each aggregate, in the appends and in the stored histories
 * @param trackingRounds          full tracking reads per engine (median reported)
 * @param smallStore              events in the smaller store of the hot-read comparison
 * @param largeStore              events in the larger store, which the tracking read also reads
 * @param hotIterations           measured operations of each hot-read kind per store (ours)
 * @param hotWarmUp               discarded operations of each kind per store before measuring (ours)
 * @param vendorHotIterations     measured operations of each kind per store for the vendor's engine
 * @param vendorReadBudgetSeconds time after which one tracking read of the vendor stops and reports what it read
 */
record Scale(String name, int appendsPerRound, int appendRounds, int eventsPerAggregate, int trackingRounds,
             int smallStore, int largeStore, int hotIterations, int hotWarmUp, int vendorHotIterations,
             int vendorReadBudgetSeconds) {

    static final Scale FULL = new Scale("full", 20_000, 3, 10, 3, 10_000, 100_000, 2_000, 300, 200, 120);
    static final Scale QUICK = new Scale("quick", 2_000, 3, 10, 3, 1_000, 10_000, 500, 100, 100, 30);
}
