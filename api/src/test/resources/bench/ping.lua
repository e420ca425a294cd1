-- wrk script: GET /api/v1/ping, the trivial endpoint (same router, same token check, no work).
-- One request built once, like reports.lua's ring of prebuilt requests.
local token = os.getenv("HEALGUARD_TOKEN") or ""
wrk.headers["Authorization"] = "Bearer " .. token
local req = nil
request = function()
  if req == nil then req = wrk.format("GET", "/api/v1/ping") end
  return req
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
