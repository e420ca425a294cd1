-- wrk script: a steady trickle of reports that keeps a fleet changing, for LiveUpdatesBench.
-- Run with one thread and one connection (-t1 -c1): each request waits BENCH_DELAY_MS (default 10)
-- before it is sent, so the rate is at most 1000 / BENCH_DELAY_MS reports per second whatever the
-- server's speed. Units svc-1 to svc-BENCH_UNITS (default 1000); 90% UP, 7% DOWN, 3% DEGRADED.
local token = os.getenv("HEALGUARD_TOKEN") or ""
local units = tonumber(os.getenv("BENCH_UNITS") or "1000")
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "10")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  local roll = math.random(1, 100)
  local status = roll <= 90 and "UP" or (roll <= 97 and "DOWN" or "DEGRADED")
  local body = '{"unit":"svc-' .. math.random(1, units) .. '.service","status":"' .. status .. '","source":"wrk"}'
  return wrk.format(nil, "/api/v1/reports", nil, body)
end

delay = function()
  return pause
end
