package cn.mediation.command.config;

import cn.mediation.command.web.CommitteeRequestHandler;
import cn.mediation.command.committee.CommitteeRoster;
import cn.mediation.command.dispute.CaseNumbers;
import cn.mediation.command.web.DisputeRequestHandler;
import cn.mediation.command.web.SweepRequestHandler;
import cn.mediation.command.web.BusinessDates;
import cn.mediation.command.dispatch.CommandDispatcher;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.region.RegionDirectory;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Wires the write side. Needs a {@link MongoDatabase}, a {@link RegionDirectory}, a {@link Clock} and the
 * {@link PersonalKeyVault} the event store encrypts with.
 */
@Configuration(proxyBeanMethods = false)
public class WriteSideConfiguration {

    @Bean
    public SnapshotTriggerDefinition disputeSnapshotTrigger(Snapshotter snapshotter,
                                                            SnapshotSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.threshold());
    }

    @Bean
    public cn.mediation.command.idempotency.IdempotencyKeys idempotencyKeys(MongoDatabase database, Clock clock) {
        return new cn.mediation.command.idempotency.IdempotencyKeys(database, clock);
    }

    /** After the login (Spring Security's filters run first), so a key belongs to its user. */
    @Bean
    public org.springframework.boot.web.servlet.FilterRegistrationBean<cn.mediation.command.idempotency.IdempotencyFilter>
            idempotencyFilter(cn.mediation.command.idempotency.IdempotencyKeys keys) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new cn.mediation.command.idempotency.IdempotencyFilter(keys));
        registration.addUrlPatterns("/api/disputes", "/api/disputes/*", "/api/sweeps");
        registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Bean
    public CommandDispatcher commandDispatcher(CommandGateway gateway) {
        return new CommandDispatcher(gateway);
    }

    @Bean
    public BusinessDates businessDates(Clock clock, DateSettings dates) {
        return new BusinessDates(clock, dates.earliest(), dates.registrationAge());
    }

    @Bean
    public CaseNumbers caseNumbers(MongoDatabase database) {
        return new CaseNumbers(database);
    }

    @Bean
    public CommitteeRoster committeeRoster(EventStore eventStore) {
        return new CommitteeRoster(eventStore);
    }

    @Bean
    public DisputeRequestHandler disputeCommands(CommandDispatcher dispatcher, RegionDirectory regions,
                                           CommitteeRoster roster, CaseNumbers caseNumbers, BusinessDates dates,
                                           EventStore eventStore, PersonalKeyVault personalKeys) {
        return new DisputeRequestHandler(dispatcher, regions, roster, caseNumbers, dates, eventStore, personalKeys);
    }

    @Bean
    public SweepRequestHandler sweepCommands(CommandDispatcher dispatcher, RegionDirectory regions, BusinessDates dates) {
        return new SweepRequestHandler(dispatcher, regions, dates);
    }

    @Bean
    public CommitteeRequestHandler committeeCommands(CommandDispatcher dispatcher, RegionDirectory regions,
                                               CommitteeRoster roster, BusinessDates dates) {
        return new CommitteeRequestHandler(dispatcher, regions, roster, dates);
    }

    /** Controllers take the If-Match header as an {@code ExpectedVersion} argument, parsed once. */
    @Bean
    public org.springframework.web.servlet.config.annotation.WebMvcConfigurer expectedVersionArguments() {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(
                    java.util.List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new cn.mediation.command.web.ExpectedVersion.Arguments());
            }
        };
    }
}
