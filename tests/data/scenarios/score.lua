-- The small attack of small.lua with expectations, for the scoring tests.
scenario { id = "score", title = { vi = "Chấm điểm", en = "Scoring" }, duration = hours(2),
           seed = 42, network = "test-small", techniques = { "T1190", "T1041" } }
objective { id = "db", title = { vi = "Cơ sở dữ liệu", en = "The database" } }

expect { id = "see-exploit", detect = "exploit", within = minutes(10), points = 20, partial = 5 }
expect { id = "hold-portal", contain = { step = "exploit" }, before = "db", points = 30, partial = 10 }
expect { id = "tell-soc", report = "soc", within = minutes(30), points = 30,
         fields = { "systems", "vector", "indicators" }, indicators = { "203.0.113.99" } }
expect { id = "keep-portal", keep_up = "portal", max_down = minutes(10), points = 10 }

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
  wait(minutes(5))
  ok, why = exfiltrate { host = "portal", c2 = "198.51.100.9", domain = "x.example.net", technique = "T1041" }
  if ok then achieve("db") else prevent("db", why) end
end)
