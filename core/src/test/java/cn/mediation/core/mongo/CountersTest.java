package cn.mediation.core.mongo;

import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class CountersTest {

    @Test
    void concurrentCallersNeverGetTheSameNumber() throws Exception {
        MongoCollection<Document> counters = TestMongo.freshDatabase().getCollection("counters");
        Set<Long> numbers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int duplicates = 0;
                    for (int i = 0; i < 400; i++) {
                        long first = Counters.allocate(counters, "c", 2, new Date());
                        duplicates += numbers.add(first) && numbers.add(first + 1) ? 0 : 1;
                    }
                    return duplicates;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(numbers).hasSize(6400);
        assertThat(numbers.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(6400);
        assertThat(((Number) counters.find().first().get("value")).longValue()).isEqualTo(6400);
    }
}
