package io.gridwire.store.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwire.core.cluster.ClusterUnavailableException;
import io.gridwire.core.cluster.SessionDirectory;
import io.gridwire.core.cluster.SessionEntry;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session directory in Redis: {@code ws:session:{session_id}} → node id with a TTL, details in
 * the hash {@code gridwire:session-details}. This node's claims are kept in memory and refreshed
 * every {@code refreshInterval} (re-created after Redis lost them); a key another node has taken
 * is left alone. Thread-safe; blocking up to the command timeout.
 */
final class RedisSessionDirectory implements SessionDirectory {
  private static final Logger log = LoggerFactory.getLogger(RedisSessionDirectory.class);
  // KEYS[1] session key, KEYS[2] details hash; ARGV node, ttl ms, session id, details. Returns the old node.
  private static final String CLAIM = """
      local old = redis.call('GET', KEYS[1])
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
      return old""";
  // Same arguments; refreshes only when free or ours. Returns 1 when ours.
  private static final String REFRESH = """
      local v = redis.call('GET', KEYS[1])
      if (not v) or v == ARGV[1] then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
        return 1
      end
      return 0""";
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('DEL', KEYS[1])
        redis.call('HDEL', KEYS[2], ARGV[2])
      end
      return 0""";
  private final RedisConnections redis;
  private final RedisConfig config;
  private final RedisRuntime runtime;
  private final RedisKeys keys;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, SessionEntry> mine = new ConcurrentHashMap<>();

  RedisSessionDirectory(RedisConnections redis, RedisConfig config, RedisRuntime runtime, RedisKeys keys) {
    this.runtime = runtime;
    this.redis = redis;
    this.config = config;
    this.keys = keys;
  }

  @Override
  public Optional<String> claim(SessionEntry entry) {
    mine.put(entry.sessionId(), entry);
    String old = redis.commands().sync().eval(CLAIM, ScriptOutputType.VALUE,
        new String[] {keys.session(entry.sessionId()), keys.sessionDetails()}, args(entry));
    return old == null || old.equals(runtime.nodeId()) ? Optional.empty() : Optional.of(old);
  }

  private String[] args(SessionEntry e) {
    ObjectNode d = mapper.createObjectNode();
    d.put("node", e.nodeId());
    d.put("owner", e.owner());
    d.put("connected_at", e.connectedAt() == null ? null : e.connectedAt().toString());
    return new String[] {runtime.nodeId(), Long.toString(config.sessionTtl().toMillis()), e.sessionId(), d.toString()};
  }

  @Override
  public void release(String sessionId) {
    mine.remove(sessionId);
    redis.commands().sync().eval(RELEASE, ScriptOutputType.INTEGER,
        new String[] {keys.session(sessionId), keys.sessionDetails()}, runtime.nodeId(), sessionId);
  }

  @Override
  public Optional<String> nodeOf(String sessionId) {
    return Optional.ofNullable(redis.commands().sync().get(keys.session(sessionId)));
  }

  @Override
  public List<SessionEntry> list() {
    var sync = redis.commands().sync();
    List<String> ids = new ArrayList<>();
    ScanIterator<String> it = ScanIterator.scan(sync, ScanArgs.Builder.matches(keys.sessionPattern()).limit(1000));
    while (it.hasNext()) ids.add(it.next());
    List<SessionEntry> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i += 1000) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
      List<KeyValue<String, String>> nodes = sync.mget(chunk.toArray(String[]::new));
      String[] sessionIds = chunk.stream().map(keys::sessionId).toArray(String[]::new);
      List<KeyValue<String, String>> details = sync.hmget(keys.sessionDetails(), sessionIds);
      for (int j = 0; j < chunk.size(); j++) {
        if (!nodes.get(j).hasValue()) continue;
        out.add(entry(sessionIds[j], nodes.get(j).getValue(), details.get(j).getValueOrElse(null)));
      }
    }
    out.sort(Comparator.comparing(SessionEntry::sessionId));
    return out;
  }

  private SessionEntry entry(String id, String node, String details) {
    String owner = null;
    Instant at = null;
    if (details != null) {
      try {
        JsonNode d = mapper.readTree(details);
        owner = d.path("owner").isTextual() ? d.get("owner").asText() : null;
        at = d.path("connected_at").isTextual() ? Instant.parse(d.get("connected_at").asText()) : null;
      } catch (Exception ignored) {
        // details are informative only
      }
    }
    return new SessionEntry(id, node, owner, at);
  }

  /** Refreshes (or re-creates) this node's entries; pipelined. Quiet while Redis is down. */
  void refresh() {
    if (mine.isEmpty()) return;
    try {
      var async = redis.commands().async();
      List<RedisFuture<Long>> futures = new ArrayList<>(mine.size());
      for (SessionEntry e : mine.values()) {
        futures.add(async.eval(REFRESH, ScriptOutputType.INTEGER, new String[] {keys.session(e.sessionId()), keys.sessionDetails()},
            args(e)));
      }
      for (RedisFuture<Long> f : futures) f.get(runtime.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ClusterUnavailableException e) {
      log.debug("session refresh skipped: {}", e.getMessage());
    } catch (Exception e) {
      log.debug("session refresh failed: {}", e.toString());
    }
  }

  int claimed() {
    return mine.size();
  }
}
