-- scenarios/annual-drill-2023.lua
--
-- The province's annual incident-response drill (DOMAIN.md: "holds an
-- annual drill to raise incident-handling capacity"), and what
-- `irdrill run` plays when given no scenario. Three simulated hours of a
-- Monday morning, in four stages:
--
--   1. A spam and phishing storm hits the official e-mail system: a
--      botnet sends "tax refund" mails in the name of the General
--      Department of Taxation to every mailbox (as in
--      mail-storm-phishing.lua). The gateways block nearly all of it.
--   2. Under cover of the storm, a Mustang Panda-style lure imitating the
--      Government Office reaches a records clerk of the Thủ Dầu Một
--      People's Committee (as in apt-mustang-panda.lua), while one of the
--      storm's crafted copies is opened by the Dĩ An accountant.
--   3. The APT dumps credentials, moves to the district file server and
--      exploits the document-management system in the data center.
--   4. It reaches the system's database and exfiltrates it.
--
-- Both crews adapt: the storm moves to fresh ranges and domains when
-- blocked; the APT switches to its backup C2 when the first is blocked and
-- phishes Thuận An when its first PC is isolated early.
--
-- The storm's size. The stand-alone storm scenario sends the 4,418,716
-- mails the province blocked in 2023 (about 164 a second); here the storm
-- sends 200,000 in 2 h 50 min, about 20 a second. That is what a live
-- console at x1 can still show scrolling on the mail feed (an analyst can
-- read the senders and subjects, and spot the lure among them). Headless,
-- the whole drill then runs in about half a second and `run --out` in
-- about five, writing some 160 MB of mail logs; the full figure would
-- take a minute and 3.3 GB. It still outnumbers the province's everyday
-- spam (12,000 a day) by about a hundred and thirty to one that morning.

scenario {
  id = "annual-drill-2023",
  title = {
    vi = "Diễn tập ứng cứu sự cố thường niên 2023: bão thư rác che giấu tấn công APT",
    en = "Annual incident-response drill 2023: a spam storm covering an APT",
  },
  description = {
    vi = "Bão thư giả mạo Tổng cục Thuế đổ vào hệ thống thư điện tử công vụ; lợi dụng lúc đó, thư giả mạo "
      .. "Văn phòng Chính phủ tới văn thư UBND thành phố Thủ Dầu Một, mã độc nạp DLL chéo, đánh cắp thông tin "
      .. "đăng nhập, khai thác hệ thống quản lý văn bản tại Trung tâm dữ liệu tỉnh và lấy cắp cơ sở dữ liệu; "
      .. "kế toán UBND thành phố Dĩ An mở một thư của bão thư.",
    en = "A storm of mails posing as the General Department of Taxation hits the official e-mail system; under "
      .. "its cover a lure imitating the Government Office reaches a Thu Dau Mot records clerk, a side-loaded "
      .. "backdoor steals credentials, exploits the document-management system in the provincial data center "
      .. "and exfiltrates its database; the Di An accountant opens one of the storm's mails.",
  },
  author = "irdrill",
  version = "1.0",
  techniques = {
    "T1566.001", "T1583.005", "T1204.002", "T1059.005", "T1218.005", "T1574.002", "T1547.001",
    "T1071.001", "T1003.001", "T1021.002", "T1190", "T1078", "T1560.001", "T1041",
  },
  duration = hours(3),
  seed = 20231120,
  network = "binh-duong-2023",
  start = "2023-11-20T08:00:00+07:00",
}

objective {
  id = "foothold-mail",
  title = { vi = "Chiếm quyền một máy tính công vụ qua thư của bão thư",
            en = "Take over an official's PC through a mail of the storm" },
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
-- domains, so no real party ever appears in a drill's logs. The storm's
-- ranges stay clear of the APT's addresses, so blocking one crew never
-- stops the other by accident.

-- Stage 1: the storm.
local STORM = "hoan-thue"
local STORM_TOTAL = 200000
local SLIP = 4
local STORM_START = minutes(5)
local STORM_LENGTH = hours(2) + minutes(50)
local POOLS = {
  { senders = { "192.0.2.144/28", "198.51.100.32/28" },
    domains = { "hoanthue-gdt.example.net", "thue-dientu.example.com", "tracuu-mst.example.org" } },
  { senders = { "192.0.2.160/28", "198.51.100.48/28" },
    domains = { "gdt-hoanthue.example.org", "etax-thongbao.example.net", "thuevn-hotro.example.com" } },
  { senders = { "192.0.2.176/28", "198.51.100.0/28" },
    domains = { "canhan-thue.example.com", "hoantien-tncn.example.org", "gdt-vn.example.net" } },
}
local TAX_LURE = {
  subject = "Thông báo hoàn thuế thu nhập cá nhân năm 2022 / Personal income tax refund 2022",
  attachment = "ThongBao_HoanThue_TNCN_2022.zip",
  hash = "9b4e1f0c7a2d6e3b8c5f1a0d9e7b6c4a",
}
local TAX_C2 = { ip = "192.0.2.222", domain = "cdn-thuedientu.example.net" }

-- Stages 2 to 4: the APT.
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
-- beacons and the exploit, cut the clerk's PC off before the data center
-- falls, report to the national coordinator within two hours with the
-- systems, vector, techniques and both crews' indicators, and keep the
-- document-management system in service.
local INDICATORS = { SENDER.ip, "vpcp-gov.example.net", LURE.hash, C2[1].ip, C2[1].domain, C2[2].ip,
                     C2[2].domain, TAX_LURE.hash, TAX_C2.ip, TAX_C2.domain }
for _, p in ipairs(POOLS) do
  for _, v in ipairs(p.senders) do INDICATORS[#INDICATORS + 1] = v end
  for _, v in ipairs(p.domains) do INDICATORS[#INDICATORS + 1] = v end
end
expect { id = "detect-beacon", detect = "beacon", within = minutes(30), points = 30 }
expect { id = "detect-exploit", detect = "exploit", within = minutes(20), points = 20 }
expect { id = "contain-foothold", contain = { step = "phish" }, before = "foothold-dc", points = 40, partial = 15 }
expect { id = "report-coordinator", report = "coordinator", within = hours(2), points = 30,
         fields = { "systems", "vector", "techniques", "indicators" }, indicators = INDICATORS }
expect { id = "keep-qlvb-up", keep_up = "qlvb", max_down = minutes(30), points = 20 }

------------------------------------------------------------------------------
-- Stage 1: the storm, and its copy that is opened
------------------------------------------------------------------------------

local pool = 1

-- Move the storm to the next pool, if there is one left.
local function next_pool(why)
  if pool == #POOLS then return false end
  pool = pool + 1
  mail_storm { name = STORM, senders = POOLS[pool].senders, domains = POOLS[pool].domains }
  message { to = "white-cell", text = {
    vi = "Nhóm phát tán thư rác chuyển sang dải địa chỉ và tên miền gửi mới (" .. why .. "): "
      .. table.concat(POOLS[pool].senders, ", ") .. ".",
    en = "The spam crew moves to fresh sending ranges and domains (" .. why .. "): "
      .. table.concat(POOLS[pool].senders, ", ") .. "." } }
  return true
end

on("block", function()
  local st = storm(STORM)
  if st.running and st.reaching < 0.5 then next_pool("blocked") end
end)

message { to = "all", text = {
  vi = "Thứ Hai, 20/11/2023, 8 giờ: bắt đầu diễn tập ứng cứu sự cố an toàn thông tin mạng tỉnh Bình Dương năm 2023.",
  en = "Monday 20 November 2023, 8:00: the Binh Duong province's 2023 cyber incident-response drill begins." } }

actor("botnet", function()
  wait_until(STORM_START)
  mail_storm { name = STORM, senders = POOLS[1].senders, domains = POOLS[1].domains,
               total = STORM_TOTAL + SLIP, duration = STORM_LENGTH, slip = SLIP,
               subject = TAX_LURE.subject, hash = TAX_LURE.hash, technique = "T1566.001" }
end)

actor("helpdesk", function()
  wait(minutes(50))
  message { to = "all", text = {
    vi = "Văn thư Sở Tài chính chuyển cho SOC một thư \"hoàn thuế\" lọt vào hộp thư; tệp đính kèm "
      .. TAX_LURE.attachment .. " có mã băm " .. TAX_LURE.hash .. ".",
    en = "A Department of Finance clerk forwards to the SOC a \"tax refund\" mail that reached her inbox; the attachment "
      .. TAX_LURE.attachment .. " hashes to " .. TAX_LURE.hash .. "." } }
end)

-- The storm's copy aimed at the Dĩ An accountant, who opens it. Refused
-- for its range or domain, it is sent again from a fresh pool.
actor("tax-lure", function()
  local pc = find_host { site = "dian", tag = "accounting" }
  local user = host(pc).accounts[1]
  wait_until(hours(1))
  local ok, why
  while true do
    ok, why = phish { account = user, host = pc, from = "hoanthue@" .. POOLS[pool].domains[1],
                      source = (POOLS[pool].senders[1]:gsub("/%d+$", "")), subject = TAX_LURE.subject,
                      attachment = TAX_LURE.attachment, hash = TAX_LURE.hash, technique = "T1566.001" }
    if ok or not why:find("blocked", 1, true) or why:find("^hash") or not next_pool("lure refused") then break end
    wait(minutes(15))
  end
  if not ok then return prevent("foothold-mail", why) end
  wait(jitter(minutes(12)))
  ok, why = execute { host = pc, command = "wscript.exe C:\\Users\\Public\\ThongBao_HoanThue.vbs",
                      technique = "T1059.005" }
  if ok then
    wait(minutes(3))
    ok, why = persist { host = pc, method = "Run key", technique = "T1547.001" }
  end
  if ok then
    wait(jitter(minutes(10), 0.1))
    ok, why = beacon { host = pc, c2 = TAX_C2.ip, domain = TAX_C2.domain, technique = "T1071.001" }
  end
  if ok then achieve("foothold-mail") else prevent("foothold-mail", why) end
end)

------------------------------------------------------------------------------
-- Stages 2 to 4: the APT
------------------------------------------------------------------------------

local c2 = 1            -- which C2 the implant talks to
local foothold = nil    -- the phished workstation, while it is ours

local function current_c2() return C2[c2] end

-- Beaconing from the foothold; switches to the backup C2 when the first
-- is blocked.
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

-- The lure, its execution chain and persistence on one clerk's PC.
local function compromise(site)
  local pc = find_host { site = site, tag = "records-clerk" }
  local user = host(pc).accounts[1]
  local ok, why = phish { account = user, host = pc, from = SENDER.from, source = SENDER.ip,
                          subject = LURE.subject, attachment = LURE.attachment, hash = LURE.hash,
                          technique = "T1566.001" }
  if not ok then return nil, why end
  wait(jitter(minutes(15)))
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

-- The defenders isolating the clerk's PC early sends the APT to Thuận An.
local retried = false
on("isolate", function(ev)
  if ev.target == foothold and not retried then
    retried = true
    foothold = nil
    message { to = "white-cell", text = {
      vi = "Nhóm APT mất điểm xâm nhập đầu tiên và chuyển sang Thuận An.",
      en = "The APT lost its first foothold and turns to Thuan An." } }
    wait(minutes(30))
    local pc, why = compromise("thuanan")
    if not pc then return give_up(why) end
    foothold = pc
  end
end)

actor("mustang-panda", function()
  wait(minutes(30))
  local pc, why = compromise("tdm")
  if not pc then return give_up(why) end
  foothold = pc

  -- Stage 2: beacons every ten minutes while the operators look around.
  for _ = 1, 3 do
    wait(jitter(minutes(10), 0.1))
    if not foothold then wait(minutes(45)) end
    if not foothold then return give_up("lost the foothold") end
    local ok, why2 = beacon_once()
    if not ok then return give_up(why2) end
  end

  -- Stage 3: credentials, the district file server, the data center.
  local ok, creds = dump_credentials { host = foothold, technique = "T1003.001" }
  if not ok then return give_up(creds) end
  local admin = host(foothold).accounts[2]
  wait(minutes(10))
  move { from = foothold, to = find_host { site = host(foothold).site, role = "file-server" },
         account = admin, via = "smb", technique = "T1021.002" }
  wait(minutes(15))
  local app, db = "dc-qlvb-app-01", "dc-qlvb-db-01"
  ok, why = exploit { host = app, port = 443, from = foothold, cve = "CVE-2023-29357", technique = "T1190" }
  if not ok then return give_up(why) end
  achieve("foothold-dc")

  -- Stage 4: the database, archived and sent out through the clerk's PC.
  wait(minutes(10))
  local dc_creds
  ok, dc_creds = dump_credentials { host = app, technique = "T1003.001" }
  if not ok then return prevent("exfil-qlvb", dc_creds) end
  wait(minutes(10))
  ok, why = move { from = app, to = db, account = dc_creds[1], via = "mssql", technique = "T1078" }
  if not ok then return prevent("exfil-qlvb", why) end
  wait(minutes(10))
  ok, why = execute { host = db, command = "rar.exe a -hp qlvb.rar D:\\Backup\\QLVB.bak", technique = "T1560.001" }
  if not ok then return prevent("exfil-qlvb", why) end
  wait(minutes(15))
  if not foothold then return prevent("exfil-qlvb", "lost the foothold") end
  ok, why = exfiltrate { host = foothold, c2 = current_c2().ip, domain = current_c2().domain,
                         bytes = 734003200, technique = "T1041" }
  if ok then achieve("exfil-qlvb") else prevent("exfil-qlvb", why) end
end)

-- 200000 -> "200.000" (vi) or "200,000" (en).
local function grouped(n, sep)
  local s, k = tostring(n), 0
  repeat s, k = s:gsub("^(%d+)(%d%d%d)", "%1" .. sep .. "%2") until k == 0
  return s
end

-- The response team's count as the drill closes.
actor("report", function()
  wait_until(STORM_START + STORM_LENGTH + minutes(1))
  local st = storm(STORM)
  message { to = "all", text = {
    vi = "Đội ứng cứu sự cố: sáng nay hệ thống thư điện tử công vụ đã chặn " .. grouped(st.blocked, ".")
      .. " thư rác và thư độc hại; " .. st.delivered .. " thư lọt vào hộp thư.",
    en = "Incident response team: this morning the official e-mail system blocked " .. grouped(st.blocked, ",")
      .. " spam and malicious mails; " .. st.delivered .. " reached inboxes." } }
end)
