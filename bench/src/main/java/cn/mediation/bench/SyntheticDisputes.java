package cn.mediation.bench;

import cn.mediation.core.dispute.*;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A year (2025) of synthetic disputes over the sample region directory, seeded: each registered in a random village
 * on a random day, screened (1 in 30 major), mediated, then resolved 1–20 days later (1 in 70 failed instead); one in
 * six found by a sweep. Four events per dispute.
 */
final class SyntheticDisputes {

    static final String[][] VIEWS = {
            {"511900000000", "2025-01-01", "2025-12-31"},   // city, a year
            {"511902000000", "2025-01-01", "2025-12-31"},   // county, a year
            {"511902101000", "2025-03-01", "2025-03-31"},   // town, a month
            {"511902101001", "2025-02-10", "2025-06-20"}};  // village, an arbitrary range

    private final RegionDirectory regions;
    private final List<Region> villages;
    private final Random random;
    private int next;

    SyntheticDisputes(long seed) {
        this.regions = directory();
        this.villages = regions.all().stream().filter(r -> r.level() == RegionLevel.VILLAGE).toList();
        this.random = new Random(seed);
    }

    static RegionDirectory directory() {
        try (InputStream in = RegionDirectory.class.getResourceAsStream("/regions/bazhong-sample.csv")) {
            return RegionDirectory.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RegionDirectory regions() {
        return regions;
    }

    /** The events of the next dispute, in order. */
    List<EventMessage<?>> next() {
        int i = next++;
        Region village = villages.get(random.nextInt(villages.size()));
        String id = UUID.nameUUIDFromBytes(("bench-" + i).getBytes()).toString();
        String code = village.code().value();
        String field = FieldTaxonomy.all().get(random.nextInt(FieldTaxonomy.all().size())).code();
        LocalDate day = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(340));
        List<Object> payloads = new ArrayList<>();
        payloads.add(new DisputeRegisteredEvent(id, "B-" + i, "C" + code, code, field,
                                                random.nextInt(6) == 0 ? DisputeSource.SWEEP : DisputeSource.APPLICATION,
                                                "样例", day, day, 2, BigDecimal.ONE, List.of(), "bench"));
        payloads.add(new DisputeScreenedEvent(id, random.nextInt(30) == 0 ? RiskGrade.MAJOR : RiskGrade.ORDINARY,
                                              ScreeningDecision.ACCEPT, null, false, false, day, "bench"));
        payloads.add(new MediationStartedEvent(id, "C" + code, List.of("m"), MediationChannel.PEOPLES,
                                               RegionLevel.VILLAGE, code, day, "bench"));
        LocalDate end = day.plusDays(1 + random.nextInt(20));
        if (random.nextInt(70) == 0) {
            payloads.add(new MediationFailedEvent(id, "no", RegionLevel.VILLAGE, code, end, "bench"));
        } else {
            payloads.add(new DisputeResolvedEvent(id, AgreementForm.WRITTEN, "t", null, RegionLevel.VILLAGE, code,
                                                  end, "bench"));
        }
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int seq = 0; seq < payloads.size(); seq++) {
            messages.add(new GenericDomainEventMessage<>("Dispute", id, seq, payloads.get(seq)));
        }
        return messages;
    }
}
