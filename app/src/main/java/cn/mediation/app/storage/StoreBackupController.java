package cn.mediation.app.storage;

import cn.mediation.core.access.Caller;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.access.OutOfJurisdiction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code POST /api/admin/store/backup}: a consistent copy of the embedded store taken while the server keeps serving,
 * in {@code backups/<Beijing time>} under the data folder; a copy opens as a store of its own (start the server with
 * {@code --mediation.mongo.embedded.data-dir} on a folder holding it as {@code store}). An administrator of the whole
 * deployment only. On an external MongoDB this is MongoDB's own business: {@code 409}.
 */
@RestController
public class StoreBackupController {

    private static final Logger log = LoggerFactory.getLogger(StoreBackupController.class);
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                                                     .withZone(ZoneId.of("Asia/Shanghai"));
    private final MongoConnection connection;
    private final Clock clock;

    public StoreBackupController(MongoConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    @PostMapping(path = "/api/admin/store/backup", produces = "application/json")
    public ResponseEntity<Object> backup(Caller caller) {
        if (caller.scope().level() != RegionLevel.CITY) {
            throw new OutOfJurisdiction(null);
        }
        if (!connection.embedded()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "服务器使用外部 MongoDB，请用 MongoDB 自身的备份工具（mongodump 或快照）。");
            problem.setType(URI.create("/problems/backup-external-mongodb"));
            problem.setTitle("外部数据库不由本服务备份");
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                 .body(problem);
        }
        Path target = connection.dataDirectory().resolve("backups").resolve(FOLDER.format(clock.instant()));
        long started = System.nanoTime();
        connection.store().backup(target);
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Backed up the embedded store to {} in {} ms for {}", target, millis, caller.username());
        return ResponseEntity.status(HttpStatus.CREATED)
                             .body(Map.of("directory", target.toString(), "millis", millis));
    }
}
