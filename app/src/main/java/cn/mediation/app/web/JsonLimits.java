package cn.mediation.app.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request parser's own bounds, whatever reaches it: a document no longer than the body limit, strings no longer
 * than any field needs many times over, nesting no deeper than any request's few levels, and lists bounded while
 * they are read ({@link BoundedLists}). Only the web's mapper: stored events are read by their own.
 */
@Configuration(proxyBeanMethods = false)
public class JsonLimits {

    static final int MAX_NESTING = 32;
    static final int MAX_STRING = 256 * 1024;
    static final int MAX_ITEMS = 100;

    /** A module bean: Spring Boot installs it in the web's mapper. */
    @Bean
    public BoundedLists boundedLists() {
        return new BoundedLists(MAX_ITEMS);
    }

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer requestParserLimits(
            WebSettings settings) {
        long maxBodyBytes = settings.maxBodyBytes();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
                                         StreamReadConstraints.builder()
                                                              .maxDocumentLength(maxBodyBytes)
                                                              .maxNestingDepth(MAX_NESTING)
                                                              .maxStringLength(MAX_STRING)
                                                              .build()));
    }
}
