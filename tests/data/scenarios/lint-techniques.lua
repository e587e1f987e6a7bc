-- Techniques without a proper ATT&CK id, or not declared, on a branch the
-- dry run never takes.
scenario { id = "lint-techniques", title = { vi = "Kỹ thuật sai", en = "Wrong techniques" },
           network = "binh-duong-2023", duration = hours(1), techniques = { "T1190", "T1505.003" } }
objective { id = "portal", title = { vi = "Cổng", en = "Portal" } }

actor("crew", function()
  local ok = exploit { host = "dc-portal-web-01", port = 443, from = "198.51.100.23", technique = "T1190" }
  if not ok then
    exploit { host = "dc-portal-web-02", port = 443, from = "198.51.100.23", technique = "web exploit" }
    persist { host = "dc-portal-web-02", method = "web shell", technique = "T1505.3" }
  end
  persist { host = "dc-portal-web-01", method = "web shell", technique = "T1505.003" }
  deface { host = "dc-portal-web-01", technique = "T1491.002" }
  achieve("portal")
end)
