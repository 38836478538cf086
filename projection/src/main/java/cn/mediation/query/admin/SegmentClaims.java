package cn.mediation.query.admin;

import java.time.Instant;
import java.util.List;

/**
 * The token store's view of a tracking processor, shared by every instance: each segment, the instance (node id) that
 * holds its claim, how far its stored token is and when the claim was last taken or extended.
 */
public interface SegmentClaims {

    /** A segment's stored token: {@code owner} null when no instance holds it; {@code position} -1 before any event. */
    record Claim(int segment, String owner, long position, Instant claimedAt) {
    }

    /** This instance's node id, as it claims segments. */
    String nodeId();

    List<Claim> claims(String processorName);
}
