-- wrk script for bench/serve-wrk.sh: GET /v1/recommendations for a user drawn uniformly from
-- USER_PREFIX .. 0 .. USERS-1 on every request (so answers vary and the cache sees many keys),
-- then a one-line summary with throughput and latency percentiles.
local users = tonumber(os.getenv("USERS") or "6040")
local prefix = os.getenv("USER_PREFIX") or ""
local k = os.getenv("K") or "10"
local model = os.getenv("MODEL") or ""
local extra = (model ~= "" and ("&model=" .. model) or "") .. "&exclude_seen=" .. (os.getenv("EXCLUDE_SEEN") or "true")

local counter = 0

-- DELAY_MS > 0: each connection waits that long after every answer, so C connections offer about
-- C × 1000 / (DELAY_MS + latency) requests/s: latency below saturation (e.g. 8 × 14 ms ≈ 500/s)
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  math.randomseed(os.time() + tonumber(tid or 0) * 7919)
end

function request()
  local u = math.random(0, users - 1)
  return wrk.format("GET", "/v1/recommendations?user=" .. prefix .. u .. "&k=" .. k .. extra)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f non2xx_or_errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    summary.requests, secs, summary.requests / secs, errors,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
