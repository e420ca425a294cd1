-- wrk script: POST /api/v1/reports with a realistic mix, one report per request.
-- 2000 units (or BENCH_UNITS); 90% UP, 7% DOWN, 3% DEGRADED, or the percentages in BENCH_MIX ("UP:DOWN:DEGRADED",
-- e.g. "100:0:0" for reports that write nothing, "0:100:0" for a fleet storm).
-- The token comes from HEALGUARD_TOKEN.
-- Each wrk thread draws 8192 requests once, with its own seed, and cycles through them: building
-- a request per call cost wrk more CPU than the server's answer on this 2-core machine, and the
-- generator's CPU is taken from the server under test.
local token = os.getenv("HEALGUARD_TOKEN") or ""
local units = tonumber(os.getenv("BENCH_UNITS") or "") or 2000
local mix = os.getenv("BENCH_MIX")
if mix == nil or mix == "" then mix = "90:7:3" end
local up, down, degraded = mix:match("^(%d+):(%d+):(%d+)$")
assert(up, "BENCH_MIX must look like UP:DOWN:DEGRADED percentages, e.g. 90:7:3")
local statuses = {}
for i = 1, tonumber(up) do statuses[#statuses + 1] = "UP" end
for i = 1, tonumber(down) do statuses[#statuses + 1] = "DOWN" end
for i = 1, tonumber(degraded) do statuses[#statuses + 1] = "DEGRADED" end
assert(#statuses > 0, "BENCH_MIX adds up to 0")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

local ring = {}
local next = 0
init = function(args)
  math.randomseed(seed or 1)
  for i = 1, 8192 do
    local unit = "svc-" .. math.random(1, units) .. ".service"
    local status = statuses[math.random(1, #statuses)]
    local body = '{"unit":"' .. unit .. '","status":"' .. status .. '","source":"wrk"}'
    ring[i] = wrk.format(nil, "/api/v1/reports", nil, body)
  end
end

request = function()
  next = next % #ring + 1
  return ring[next]
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
