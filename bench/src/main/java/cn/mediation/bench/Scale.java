package cn.mediation.bench;

/**
 * How much work each workload does. {@link #FULL} is the reference run; {@link #QUICK} is one tenth of its data.
 *
 * @param name                    "full" or "quick"
 * @param appendsPerRound         single-event appends per round and per variant
 * @param appendRounds            measured rounds (the figure is their median)
 * @param appendWarmUp            appends per variant in the warm-up round before them
 * @param eventsPerAggregate      events of each aggregate, in the appends and in the stored histories
 * @param trackingRounds          full tracking reads through our engine (median reported)
 * @param vendorTrackingRounds    tracking reads through the vendor's engine (median reported)
 * @param vendorReadBudgetSeconds time after which one tracking read of the vendor stops and reports what it read
 * @param smallStore              events in the smaller store of the hot-read comparison
 * @param largeStore              events in the larger store, which the tracking read also reads
 * @param hotIterations           measured operations of each hot-read kind per store (ours)
 * @param hotWarmUp               discarded operations of each kind per store before measuring (ours)
 * @param slowIterations          measured operations per store for the slower rows: the vendor's hot reads and the
 *                                successful appends
 * @param slowRowBudgetSeconds    time after which a slower row stops measuring (the vendor's reads scan the store)
 */
record Scale(String name, int appendsPerRound, int appendRounds, int appendWarmUp, int eventsPerAggregate,
             int trackingRounds, int vendorTrackingRounds, int vendorReadBudgetSeconds, int smallStore,
             int largeStore, int hotIterations, int hotWarmUp, int slowIterations,
             int slowRowBudgetSeconds) {

    static final Scale FULL =
            new Scale("full", 20_000, 3, 1_000, 10, 3, 1, 45, 10_000, 100_000, 1_000, 200, 100, 20);
    static final Scale QUICK =
            new Scale("quick", 2_000, 3, 500, 10, 3, 3, 30, 1_000, 10_000, 500, 100, 50, 5);
}
