package cn.mediation.query.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal the read side can give has its Chinese text, with the values it quotes. */
class QueryProblemTextTest {

    private static final Pattern BAD_QUERY = Pattern.compile("new BadQuery\\(\\s*(?:\"[^\"]*\"|\\w+)\\s*,\\s*\"([^\"]*)\"(\\s*\\+)?");
    private static final Pattern NOT_FOUND = Pattern.compile("new NotFound\\(\\s*\"([^\"]*)\"(\\s*\\+)?");

    @Test
    void everyRuleInTheSourcesHasAChineseText() throws IOException {
        List<String> missing = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Pattern pattern : List.of(BAD_QUERY, NOT_FOUND)) {
                    Matcher matcher = pattern.matcher(source);
                    while (matcher.find()) {
                        found++;
                        String message = matcher.group(1) + (matcher.group(2) != null ? "7 as of 7" : "");
                        if (pattern == BAD_QUERY && matcher.group(2) != null) {
                            message = matcher.group(1) + "7";
                        }
                        if (QueryProblemText.rule(message) == null) {
                            missing.add(file.getFileName() + ": " + message);
                        }
                    }
                }
            }
        }
        assertThat(found).as("refusals found in the sources").isGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    @Test
    void quotedValuesAreCarriedOver() {
        assertThat(QueryProblemText.rule("unknown region 999999999999")).isEqualTo("未知地区 999999999999");
        assertThat(QueryProblemText.rule("must be from 1 to 500")).isEqualTo("必须在 1 到 500 之间");
        assertThat(QueryProblemText.rule("No dispute abc as of 2026-03-01")).isEqualTo("2026-03-01 时尚无案件 abc");
        assertThat(QueryProblemText.rule("something no rule knows")).isNull();
        assertThat(QueryProblemText.parameter("period")).isEqualTo("统计期间");
    }
}
