-- wrk script: open console pages on live updates. Run with as many threads as pages, one
-- connection each (-t10 -c10): each thread is one page following its own cursor through
-- GET /api/v1/changes every 500 ms, as the console's app.js does. done() prints how many polls
-- and how many unit views the pages got.
local token = os.getenv("HEALGUARD_TOKEN") or ""
wrk.headers["Authorization"] = "Bearer " .. token

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

local cursor = nil
polls = 0
units = 0

request = function()
  local path = "/api/v1/changes"
  if cursor then path = path .. "?cursor=" .. cursor end
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  polls = polls + 1
  local c = body:match('"cursor":"([^"]+)"')
  if c then cursor = c end
  for _ in body:gmatch('"dependsOn"') do units = units + 1 end
end

delay = function()
  return 500
end

done = function(summary, latency, requests)
  local p, u = 0, 0
  for _, t in ipairs(threads) do
    p = p + t:get("polls")
    u = u + t:get("units")
  end
  io.write(string.format("pages: %d polls, %d unit views sent (%.1f per poll), %.0f bytes per poll, p99 %.1f ms\n",
    p, u, p > 0 and u / p or 0, p > 0 and summary.bytes / p or 0, latency:percentile(99) / 1000))
end
