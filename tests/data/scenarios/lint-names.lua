-- Misspelt names on branches the undefended dry run never takes: only the
-- static check can see them.
scenario { id = "lint-names", title = { vi = "Tên sai", en = "Wrong names" },
           network = "binh-duong-2023", duration = hours(1) }
objective { id = "portal", title = { vi = "Cổng", en = "Portal" } }

on("isolate", function(ev)
  beacn { host = ev.target, c2 = "198.51.100.77" }
  retries = 1
end)

actor("crew", function()
  local ok = exploit { host = "dc-portal-web-01", port = 443, from = "198.51.100.23" }
  if not ok then
    wait(hourz(1))
  end
  achieve("portal")
end)
