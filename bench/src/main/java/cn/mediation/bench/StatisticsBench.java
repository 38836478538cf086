package cn.mediation.bench;

import cn.mediation.core.region.RegionDirectory;
import cn.mediation.query.committee.CommitteeQueries;
import cn.mediation.query.statistics.StatisticsProjection;
import cn.mediation.query.statistics.StatisticsReplay;
import cn.mediation.query.statistics.StatisticsService;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statistics call at two numbers of disputes: the live statistics projection is fed a year of synthetic
 * disputes (registered, screened, mediated, resolved or failed; some escalated) in processing batches, on the
 * embedded server, then the statistics contract is computed for city, county, town and village views over a year,
 * a month and an arbitrary range. Prints p50 and p99 per size and the ratio between sizes (flat means near 1).
 *
 * <p>Arguments: {@code --quick} (1,000 and 10,000 disputes instead of 10,000 and 100,000).
 */
public final class StatisticsBench {

    private static final int CALLS = 200;

    private StatisticsBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int[] sizes = quick ? new int[]{1_000, 10_000} : new int[]{10_000, 100_000};
        RegionDirectory regions = SyntheticDisputes.directory();
        System.out.printf(Locale.ROOT, "Statistics benchmark | cores: %d | java: %s | embedded server, H2 file%n",
                          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-10s %-12s %12s %10s %10s%n", "disputes", "load ev/s", "calls", "p50 ms", "p99 ms");
        double[] p99s = new double[sizes.length];
        double[] p50s = new double[sizes.length];
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            for (int s = 0; s < sizes.length; s++) {
                MongoDatabase database = mongo.database("stats_" + sizes[s]);
                StatisticsProjection projection = new StatisticsProjection(database);
                long events = 0;
                long start = System.nanoTime();
                List<EventMessage<?>> batch = new ArrayList<>();
                SyntheticDisputes source = new SyntheticDisputes(sizes[s]);
                for (int i = 0; i < sizes[s]; i++) {
                    batch.addAll(source.next());
                    if (batch.size() >= 500) {
                        projection.applyBatch(batch);
                        events += batch.size();
                        batch.clear();
                    }
                }
                projection.applyBatch(batch);
                events += batch.size();
                double loadRate = events / ((System.nanoTime() - start) / 1e9);

                Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
                StatisticsService service = new StatisticsService(projection, new StatisticsReplay(null), regions,
                                                                  new CommitteeQueries(database), clock,
                                                                  new cn.mediation.query.support.ReadSideSettings(30));
                double[] millis = DashboardWorkload.time(service, 20, CALLS);
                p50s[s] = Stats.percentile(millis, 50);
                p99s[s] = Stats.percentile(millis, 99);
                System.out.printf(Locale.ROOT, "%-10d %-12.0f %12d %10.2f %10.2f%n", sizes[s], loadRate, CALLS,
                                  p50s[s], p99s[s]);
            }
        }
        System.out.printf(Locale.ROOT, "ratio %d/%d disputes: p50 %.2f, p99 %.2f%n", sizes[1], sizes[0],
                          p50s[1] / p50s[0], p99s[1] / p99s[0]);
    }
}
