-- scenarios/apt-mustang-panda.lua
--
-- A spear-phishing APT in the style of Mustang Panda against the province:
-- a Word lure imitating the Government Office reaches a records clerk at
-- the Thủ Dầu Một People's Committee; the attachment runs through forfiles
-- and mshta, side-loads a PlugX-like backdoor and beacons over HTTPS. The
-- attacker dumps credentials, exploits the document-management web
-- application from the district LAN, reaches its database with a data
-- center administrator's credentials and exfiltrates it through the
-- clerk's PC. The actor reacts: a blocked C2 address makes it switch to a
-- backup; losing its first foothold early makes it phish another district.

scenario {
  id = "apt-mustang-panda",
  title = {
    vi = "APT kiểu Mustang Panda: thư giả mạo Văn phòng Chính phủ",
    en = "Mustang Panda-style APT: a lure imitating the Government Office",
  },
  description = {
    vi = "Thư giả mạo gửi tới văn thư UBND thành phố Thủ Dầu Một; mã độc nạp DLL "
      .. "chéo, đánh cắp thông tin đăng nhập, khai thác hệ thống quản lý văn bản "
      .. "và lấy cắp cơ sở dữ liệu của hệ thống.",
    en = "A lure reaches a records clerk at the Thu Dau Mot People's Committee; "
      .. "a side-loaded backdoor steals credentials, exploits the document-management "
      .. "system and exfiltrates its database.",
  },
  author = "irdrill",
  version = "1.0",
  techniques = {
    "T1566.001", "T1204.002", "T1202", "T1218.005", "T1574.002", "T1547.001",
    "T1071.001", "T1003.001", "T1021.002", "T1190", "T1078", "T1560.001", "T1041",
  },
  duration = hours(4),
  seed = 20231108,
  network = "binh-duong-2023",
  start = "2023-11-08T08:00:00+07:00",
}

objective {
  id = "foothold-dc",
  title = { vi = "Chiếm quyền máy chủ tại Trung tâm dữ liệu tỉnh",
            en = "Take over a server in the provincial data center" },
}
objective {
  id = "exfil-qlvb",
  title = { vi = "Lấy cắp cơ sở dữ liệu hệ thống quản lý văn bản",
            en = "Exfiltrate the document-management database" },
}

-- Attack infrastructure: documentation address ranges and reserved
-- domains, so no real party ever appears in a drill's logs.
local SENDER = { ip = "198.51.100.25", from = "vanthu@vpcp-gov.example.net" }
local C2 = {
  { ip = "198.51.100.77", domain = "cdn-update.example.org" },
  { ip = "198.51.100.140", domain = "static-cache.example.com" },
}
local LURE = {
  subject = "Công văn số 1826/VPCP-KSTT về việc triển khai Đề án 06",
  attachment = "CV_1826_VPCP-KSTT.docx",
  hash = "6f1c2a9e0d8b7c4f5e3a1b2c9d8e7f60",
}

-- What the defenders are expected to do (docs/scoring.md): see the
-- beacon and the exploit, cut the phished PCs off before the data center
-- falls, report to the national coordinator within two hours of the lure
-- landing with the right systems, vector, techniques and indicators, and
-- keep the document-management system in service.
expect { id = "detect-beacon", detect = "beacon", within = minutes(30), points = 30 }
expect { id = "detect-exploit", detect = "exploit", within = minutes(20), points = 20 }
expect { id = "contain-foothold", contain = { step = "phish" }, before = "foothold-dc", points = 40, partial = 15 }
expect { id = "report-coordinator", report = "coordinator", within = hours(2), points = 30,
         fields = { "systems", "vector", "techniques", "indicators" },
         indicators = { SENDER.ip, "vpcp-gov.example.net", LURE.hash, C2[1].ip, C2[1].domain, C2[2].ip,
                        C2[2].domain } }
expect { id = "keep-qlvb-up", keep_up = "qlvb", max_down = minutes(30), points = 20 }

local c2 = 1            -- which C2 the implant talks to
local foothold = nil    -- the phished workstation, while it is ours

local function current_c2() return C2[c2] end

-- Beaconing from the foothold; switches to the backup C2 when the first
-- is blocked. Returns false when the foothold is lost.
local function beacon_once()
  local ok, why = beacon { host = foothold, c2 = current_c2().ip, domain = current_c2().domain,
                           technique = "T1071.001" }
  if not ok and why:find("blocked") and c2 < #C2 then
    c2 = c2 + 1
    ok, why = beacon { host = foothold, c2 = current_c2().ip, domain = current_c2().domain,
                       technique = "T1071.001" }
  end
  return ok, why
end

-- The lure, its execution chain and persistence on one user's PC.
local function compromise(site)
  local pc = find_host { site = site, tag = "records-clerk" }
  local user = host(pc).accounts[1]
  local ok, why = phish { account = user, host = pc, from = SENDER.from, source = SENDER.ip,
                          subject = LURE.subject, attachment = LURE.attachment, hash = LURE.hash,
                          technique = "T1566.001" }
  if not ok then return nil, why end
  wait(jitter(minutes(25)))
  ok, why = execute { host = pc, command = "forfiles /p c:\\windows /m notepad.exe /c \"mshta.exe …\"",
                      technique = "T1218.005" }
  if not ok then return nil, why end
  wait(minutes(5))
  ok, why = persist { host = pc, method = "DLL side-loading + Run key", technique = "T1574.002" }
  if not ok then return nil, why end
  return pc
end

local function give_up(why)
  prevent("foothold-dc", why)
  prevent("exfil-qlvb", why)
end

-- The defenders isolating our PC early makes us try another district.
local retried = false
on("isolate", function(ev)
  if ev.target == foothold and not retried then
    retried = true
    foothold = nil
    message { to = "white-cell", text = {
      vi = "Kẻ tấn công mất điểm xâm nhập đầu tiên và chuyển sang Thuận An.",
      en = "The attacker lost its first foothold and turns to Thuan An." } }
    wait(minutes(40))
    local pc, why = compromise("thuanan")
    if not pc then return give_up(why) end
    foothold = pc
  end
end)

actor("mustang-panda", function()
  wait(minutes(20))
  local pc, why = compromise("tdm")
  if not pc then return give_up(why) end
  foothold = pc

  -- Beacon every 15 minutes while the operators work.
  for _ = 1, 4 do
    wait(jitter(minutes(15), 0.1))
    if not foothold then wait(hours(1)) end
    if not foothold then return give_up("lost the foothold") end
    local ok, why2 = beacon_once()
    if not ok then return give_up(why2) end
  end

  local ok, creds = dump_credentials { host = foothold, technique = "T1003.001" }
  if not ok then return give_up(creds) end
  local admin = host(foothold).accounts[2]
  wait(minutes(15))
  move { from = foothold, to = find_host { site = host(foothold).site, role = "file-server" },
         account = admin, via = "smb", technique = "T1021.002" }

  -- The district LAN may use the document-management system: exploit it.
  wait(minutes(25))
  local app, db = "dc-qlvb-app-01", "dc-qlvb-db-01"
  ok, why = exploit { host = app, port = 443, from = foothold, cve = "CVE-2023-29357", technique = "T1190" }
  if not ok then return give_up(why) end
  achieve("foothold-dc")
  wait(minutes(20))
  local dc_creds
  ok, dc_creds = dump_credentials { host = app, technique = "T1003.001" }
  if not ok then return prevent("exfil-qlvb", dc_creds) end
  wait(minutes(20))
  ok, why = move { from = app, to = db, account = dc_creds[1], via = "mssql", technique = "T1078" }
  if not ok then return prevent("exfil-qlvb", why) end
  wait(minutes(20))
  ok, why = execute { host = db, command = "rar.exe a -hp qlvb.rar D:\\Backup\\QLVB.bak", technique = "T1560.001" }
  if not ok then return prevent("exfil-qlvb", why) end
  wait(minutes(20))
  if not foothold then return prevent("exfil-qlvb", "lost the foothold") end
  ok, why = exfiltrate { host = foothold, c2 = current_c2().ip, domain = current_c2().domain,
                         bytes = 734003200, technique = "T1041" }
  if ok then achieve("exfil-qlvb") else prevent("exfil-qlvb", why) end
end)
