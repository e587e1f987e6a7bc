-- Valid forms the static check must not mistake for errors: a local that
-- shadows an API name, data tables whose fields look like step fields,
-- library calls, literals that are only the start of an argument, an
-- objective settled through a variable, a local _ENV.
scenario { id = "lint-clean", title = { vi = "Hợp lệ", en = "Valid" },
           network = "binh-duong-2023", duration = hours(1), techniques = { "T1190" } }
local GOAL = objective { id = "portal", title = { vi = "Cổng", en = "Portal" } }
local TARGETS = { { host = "not-a-host-but-a-label", to = "all" } }

local function sandboxed()
  local _ENV = { answer = 42 }
  return answer
end

actor("crew", function()
  local web = host("dc-portal-web-0" .. 1).name
  local db = system(("PORTAL"):lower()).hosts[#system("portal").hosts]
  local host = string.format("dc-portal-web-%02d", 1)
  local ok = exploit { host = host, port = 443, from = "198.51.100.23", technique = "T1190" }
  ok = ok and web == host and db == "dc-portal-db-01"
  if ok and #TARGETS == 1 and sandboxed() == 42 then
    achieve(GOAL)
  end
end)
