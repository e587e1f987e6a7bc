-- A short attack on tests/data/net-small.lua for the drill's unit tests.
scenario { id = "small", title = { vi = "Nhỏ", en = "Small" }, duration = hours(2),
           seed = 42, network = "test-small", techniques = { "T1190" } }
objective { id = "db", title = { vi = "Cơ sở dữ liệu", en = "The database" } }

local reacted = 0
on("isolate", function(ev)
  reacted = reacted + 1
  message { to = "all", text = { vi = "cô lập " .. ev.target, en = "isolated " .. ev.target } }
end)

actor("crew", function()
  wait(minutes(10))
  local ok, why = exploit { host = "portal", port = 443, from = "198.51.100.9", technique = "T1190" }
  if not ok then return prevent("db", why) end
  wait(jitter(minutes(30)))
  ok, why = move { from = "portal", to = "db", account = "admin", via = "ssh" }
  if ok then return achieve("db") end
  local creds
  ok, creds = dump_credentials { host = "portal" }
  if not ok then return prevent("db", creds) end
  wait(minutes(5) + math.random(1, 60) * 1000000)
  ok, why = exfiltrate { host = "portal", c2 = "198.51.100.9", domain = "x.example.net" }
  if ok then achieve("db") else prevent("db", why) end
end)
