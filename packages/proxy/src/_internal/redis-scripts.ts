/**
 * The Lua scripts of the Redis stores. Each touches one key (so it also works on a Redis Cluster shard)
 * and runs atomically on the server: no other command interleaves between its steps.
 */

/**
 * Claims `KEYS[1]` with `SET NX PX` unless it exists. Answers `{1}` when claimed, else `{0, value}`.
 * Plain `SET NX PX GET` would do it in one command, but only from Redis 7.0; this runs on any Redis.
 * ARGV: pending value, lock TTL in ms.
 */
export const CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end
return {0, redis.call('GET', KEYS[1])}
`;

/**
 * Deletes `KEYS[1]` only while it still holds this caller's pending claim (`ARGV[1]`), so a claim that
 * expired and was taken by another instance, or a finished record, is never dropped.
 */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * A fixed-window counter: `INCR`, and `PEXPIRE` when the key has no expiry yet (a new window, or a key
 * whose expiry was lost). Answers `{count, ms until reset}`. ARGV: window length in ms.
 */
export const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;
