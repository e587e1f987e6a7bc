-- Hosts, accounts, sites and systems the default province lacks, named
-- in calls the dry run never makes.
scenario { id = "lint-network", title = { vi = "Mạng sai", en = "Wrong network" },
           network = "binh-duong-2023", duration = hours(1) }
objective { id = "portal", title = { vi = "Cổng", en = "Portal" } }

on("block", function()
  exploit { host = "dc-portl-web-01", port = 443, from = "198.51.100.23" }
  move { from = "dc-portal-web-01", to = "dc-portal-db-01", account = "dc.nobody", via = "ssh" }
  local pc = find_host { site = "tdmm", role = "workstation" }
  local web = hosts { system = "portall" }
  logon { account = "tdm.admin", host = "tdm-pc-02", via = "vpn", from = "attacker-vps" }
  flood { target = host("dc-dvc-web-09").name, sources = { "192.0.2.0/24" }, port = 443, rate = 10, capacity = 1 }
  return pc, web, system("dvcc")
end)

actor("crew", function()
  exploit { host = "dc-portal-web-01", port = 443, from = "198.51.100.23" }
  achieve("portal")
end)
