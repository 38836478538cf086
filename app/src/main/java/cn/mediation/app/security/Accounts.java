package cn.mediation.app.security;

import cn.mediation.core.access.Role;
import cn.mediation.core.region.RegionCode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The user accounts, one document per user in {@code users} keyed by the user name: BCrypt hash, role, region
 * scope, whether enabled, who created it and when. The password never leaves this class except as its hash.
 */
public class Accounts implements UserDetailsService {

    public static final String COLLECTION = "users";

    private final MongoCollection<Document> users;
    private final Runnable durabilityBarrier;
    private final Clock clock;

    public Accounts(MongoDatabase database, Runnable durabilityBarrier, Clock clock) {
        this.users = database.getCollection(COLLECTION);
        this.durabilityBarrier = durabilityBarrier;
        this.clock = clock;
    }

    @Override
    public Account loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /**
     * The account of a name in any case ({@link Usernames}). Accounts are stored under the normalised name; one
     * created before that rule, in another case, is still found (the collection is small), the first in name order
     * when an earlier version let two spellings exist.
     */
    public Optional<Account> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String normalized = Usernames.normalize(username);
        Document found = users.find(new Document("_id", normalized)).first();
        if (found == null) {
            for (Document document : users.find().sort(Sorts.ascending("_id"))) {
                if (normalized.equals(Usernames.normalize(document.getString("_id")))) {
                    found = document;
                    break;
                }
            }
        }
        return Optional.ofNullable(found).map(Accounts::account);
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    /**
     * Stores a new account under its normalised name; false when the name is taken in any case (the unique
     * {@code _id} decides under concurrency).
     */
    public boolean create(String username, String passwordHash, Role role, RegionCode scope, String createdBy) {
        if (exists(username)) {
            return false;
        }
        try {
            users.insertOne(new Document("_id", Usernames.normalize(username)).append("passwordHash", passwordHash)
                                                         .append("role", role.name())
                                                         .append("region", scope.value())
                                                         .append("enabled", true)
                                                         .append("createdBy", createdBy)
                                                         .append("createdAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        durabilityBarrier.run();
        return true;
    }

    /** Replaces the stored hash of an existing account; false when there is none. */
    public boolean changePassword(String username, String passwordHash) {
        return update(username, new Document("passwordHash", passwordHash));
    }

    /** Enables or disables an existing account; false when there is none. */
    public boolean setEnabled(String username, boolean enabled) {
        return update(username, new Document("enabled", enabled));
    }

    private boolean update(String username, Document fields) {
        Optional<Account> account = find(username);
        if (account.isEmpty()) {
            return false;
        }
        boolean matched = users.updateOne(new Document("_id", account.get().username()), new Document("$set", fields))
                               .getMatchedCount() == 1;
        durabilityBarrier.run();
        return matched;
    }

    public List<Account> all() {
        List<Account> accounts = new ArrayList<>();
        for (Document document : users.find().sort(Sorts.ascending("_id"))) {
            accounts.add(account(document));
        }
        return accounts;
    }

    private static Account account(Document document) {
        return new Account(document.getString("_id"), document.getString("passwordHash"),
                           Role.valueOf(document.getString("role")), RegionCode.of(document.getString("region")),
                           document.getBoolean("enabled", true));
    }
}
