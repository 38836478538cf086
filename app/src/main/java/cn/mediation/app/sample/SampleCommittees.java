package cn.mediation.app.sample;

import cn.mediation.app.config.DeploymentSettings;
import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.command.committee.CommitteeRoster;
import cn.mediation.command.dispatch.CommandDispatcher;
import cn.mediation.core.committee.AppointMediatorCommand;
import cn.mediation.core.committee.EstablishCommitteeCommand;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Gives every area of the directory a committee ({@code C<code>}) with three sample mediators, through the real
 * command path, the first time the server starts on an empty store. Off with {@code mediation.sample-committees=false}.
 * Several instances may start at once on one store: each step is checked against the committee's own event stream
 * and a committee another instance established meanwhile is taken as it is, so each is established once and each
 * sample mediator appointed once.
 */
@Component
@Order(10)
public class SampleCommittees implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleCommittees.class);
    private static final String[] SAMPLE_MEDIATORS = {"样例调解员甲", "样例调解员乙", "样例调解员丙"};

    private final RegionDirectory regions;
    private final CommandDispatcher dispatcher;
    private final CommitteeRoster roster;
    private final Clock clock;
    private final boolean enabled;

    public SampleCommittees(RegionDirectory regions, CommandDispatcher dispatcher, CommitteeRoster roster, Clock clock,
                            DeploymentSettings deployment) {
        boolean enabled = deployment.sampleCommittees();
        this.regions = regions;
        this.dispatcher = dispatcher;
        this.roster = roster;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        // the sample stands for committees that were there before the system: established, with their mediators, at
        // the start of last year, so this year's and last year's reports both count them
        LocalDate established = LocalDate.now(clock).withDayOfYear(1).minusYears(1);
        int created = 0;
        for (Region region : regions.all()) {
            String id = committeeId(region.code().value());
            var roster = this.roster.find(id);
            if (roster.isEmpty()) {
                try {
                    dispatcher.sendAsApplication(new EstablishCommitteeCommand(id, region.name()
                            + committeeSuffix(region.level()), region.code().value(), null, established, "system",
                            kind(region.level()), null), null);
                    created++;
                } catch (RuntimeException e) {
                    // another instance starting at the same moment established it first: go on with its roster
                    roster = this.roster.find(id);
                    if (roster.isEmpty()) {
                        throw e;
                    }
                }
                roster = this.roster.find(id);
            }
            for (int i = 0; i < SAMPLE_MEDIATORS.length; i++) {
                String mediator = id + "-M" + (i + 1);
                if (roster.isPresent() && roster.get().mediators().containsKey(mediator)) {
                    continue;
                }
                // an appointment of the same mediator under the same name is answered as done, so two instances
                // appointing at once (or a start after one that stopped half-way) store it once; village mediators
                // serve beside their own work (兼职), a centre's first mediator is full-time
                boolean fullTime = i == 0 && region.level() != RegionLevel.VILLAGE;
                dispatcher.sendAsApplication(new AppointMediatorCommand(id, mediator, SAMPLE_MEDIATORS[i], established,
                                                                        "system", fullTime), null);
            }
        }
        if (created > 0) {
            log.info("Established {} sample committees with three sample mediators each", created);
        }
    }

    public static String committeeId(String regionCode) {
        return "C" + regionCode;
    }

    /** A village's committee is 村(居), a town's 乡镇(街道); a county's or city's centre is none of the report's kinds. */
    private static CommitteeKind kind(RegionLevel level) {
        return switch (level) {
            case VILLAGE -> CommitteeKind.VILLAGE;
            case TOWN -> CommitteeKind.TOWN;
            case COUNTY, CITY -> null;
        };
    }

    private static String committeeSuffix(RegionLevel level) {
        return switch (level) {
            case VILLAGE -> "人民调解委员会";
            case TOWN -> "矛盾纠纷调解中心";
            case COUNTY, CITY -> "矛盾纠纷多元化解中心";
        };
    }
}
