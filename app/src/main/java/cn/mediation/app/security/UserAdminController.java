package cn.mediation.app.security;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import cn.mediation.core.region.RegionDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /api/admin/users}: administrators create users inside their own scope, list them (never a hash), set a new
 * password and disable or enable them. A new password or a disabled account counts at once on every instance (every
 * login reads the stored account) and ends the user's open login sessions.
 */
@RestController
public class UserAdminController {

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._-]{2,32}");

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final RegionDirectory regions;

    private final SessionsOfUsers sessions;

    public UserAdminController(Accounts accounts, PasswordEncoder encoder, RegionDirectory regions,
                               SessionsOfUsers sessions) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.regions = regions;
        this.sessions = sessions;
    }

    public record NewPassword(String password) {
    }

    public record Enabled(Boolean enabled) {
    }

    @PutMapping(path = "/api/admin/users/{username}/password", consumes = "application/json")
    public ResponseEntity<Void> changePassword(@PathVariable String username, @RequestBody NewPassword body,
                                               Caller caller) {
        List<Map<String, String>> errors = new ArrayList<>();
        checkPassword(body.password(), errors);
        if (!errors.isEmpty()) {
            throw new Refused(HttpStatus.BAD_REQUEST, errors);
        }
        Account account = reachable(username, caller);
        accounts.changePassword(account.username(), encoder.encode(body.password()));
        sessions.end(account.username());
        return ResponseEntity.noContent().build();
    }

    @PutMapping(path = "/api/admin/users/{username}/enabled", consumes = "application/json",
                produces = "application/json")
    public Map<String, Object> setEnabled(@PathVariable String username, @RequestBody Enabled body, Caller caller) {
        if (body.enabled() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, List.of(error("enabled", "must be true or false")));
        }
        Account account = reachable(username, caller);
        if (account.username().equals(Usernames.normalize(caller.username())) && !body.enabled()) {
            throw new Refused(HttpStatus.BAD_REQUEST, List.of(error("enabled", "cannot disable one's own account")));
        }
        accounts.setEnabled(account.username(), body.enabled());
        if (!body.enabled()) {
            sessions.end(account.username());
        }
        return describe(accounts.find(account.username()).orElseThrow());
    }

    /** The account, if the caller's scope reaches it; 404 otherwise, so names outside it are not revealed. */
    private Account reachable(String username, Caller caller) {
        return accounts.find(username).filter(account -> caller.reaches(account.scope()))
                       .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND,
                                                      List.of(error("username", "is not a user of your area"))));
    }

    private static void checkPassword(String password, List<Map<String, String>> errors) {
        if (password == null || password.codePointCount(0, password.length()) < 10) {
            errors.add(error("password", "must be at least 10 characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            errors.add(error("password", "must be at most 72 bytes in UTF-8"));
        }
    }

    public record NewUser(String username, String password, String role, String region) {
    }

    @PostMapping(path = "/api/admin/users", consumes = "application/json", produces = "application/json")
    public ResponseEntity<Map<String, Object>> create(@RequestBody NewUser body, Caller caller) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (body.username() == null || !USERNAME.matcher(body.username()).matches()) {
            errors.add(error("username", "must be 2-32 letters, digits, '.', '_' or '-'"));
        }
        checkPassword(body.password(), errors);
        Role role = null;
        try {
            role = body.role() == null ? null : Role.valueOf(body.role());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (role == null) {
            errors.add(error("role", "must be one of " + Arrays.toString(Role.values())));
        }
        var region = body.region() == null ? java.util.Optional.<cn.mediation.core.region.Region>empty()
                : regions.find(body.region());
        if (region.isEmpty()) {
            errors.add(error("region", "must be a region code of the directory (any level)"));
        }
        if (!errors.isEmpty()) {
            throw new Refused(HttpStatus.BAD_REQUEST, errors);
        }
        caller.requireReach("region", body.region());
        if (!accounts.create(body.username(), encoder.encode(body.password()), role, region.get().code(),
                             caller.username())) {
            throw new Refused(HttpStatus.CONFLICT, List.of(error("username", "is taken (in any case)")));
        }
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/admin/users"))
                             .body(describe(accounts.find(body.username()).orElseThrow()));
    }

    @GetMapping(path = "/api/admin/users", produces = "application/json")
    public List<Map<String, Object>> list(Caller caller) {
        return accounts.all().stream().filter(account -> caller.reaches(account.scope()))
                       .map(UserAdminController::describe).toList();
    }

    private static Map<String, Object> describe(Account account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", account.username());
        body.put("role", account.role().name());
        body.put("region", account.scope().value());
        body.put("enabled", account.enabled());
        return body;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    static class Refused extends RuntimeException {
        final HttpStatus status;
        final List<Map<String, String>> errors;

        Refused(HttpStatus status, List<Map<String, String>> errors) {
            super(null, null, false, false);
            this.status = status;
            this.errors = errors;
        }
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.errors.get(0).get("field") + " "
                + e.errors.get(0).get("message"));
        problem.setType(URI.create(e.status == HttpStatus.CONFLICT ? "/problems/conflict"
                : e.status == HttpStatus.NOT_FOUND ? "/problems/not-found" : "/problems/invalid-request"));
        problem.setTitle(e.status == HttpStatus.CONFLICT ? "The user exists"
                : e.status == HttpStatus.NOT_FOUND ? "No such user" : "The request is not valid");
        problem.setProperty("errors", e.errors);
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
