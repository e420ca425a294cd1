-- wrk script: the naive console page, for LiveUpdatesBench. Run with as many threads as pages,
-- one connection each (-t10 -c10): each fetches the whole fleet, GET /api/v1/units?limit=1000,
-- once a second, whether anything changed or not.
local token = os.getenv("HEALGUARD_TOKEN") or ""
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  return wrk.format("GET", "/api/v1/units?limit=1000")
end

delay = function()
  return 1000
end
