-- scenarios/mail-storm-phishing.lua
--
-- A spam and phishing storm on the province's official e-mail system, at
-- the scale its incident response team reported for 2023: 4,418,716
-- malicious mails blocked (DOMAIN.md). A botnet sends a "personal income
-- tax refund" lure in the name of the General Department of Taxation to
-- every mailbox of the province for a whole office day. The anti-spam
-- gateways refuse most of it on their RBL and discard the rest on its
-- score; a handful of crafted copies slip through to inboxes. One of them,
-- aimed at the accountant of the Dĩ An People's Committee, is opened: the
-- attachment runs, persists, calls home and dumps the credentials on the PC.
--
-- The storm runs engine-side (mail_storm, docs/scenario-api.md): the
-- gateways log every one of its mails; a block of its ranges drops them at
-- the firewall, a block of its sender domains makes the gateways refuse
-- them, a block of its attachment's hash stops the copies crafted to pass.
--
-- The crew adapts: when blocks stop most of the storm it moves to fresh
-- ranges and domains (three sets in all), and so does its lure.

scenario {
  id = "mail-storm-phishing",
  title = {
    vi = "Bão thư rác và thư lừa đảo vào hệ thống thư điện tử công vụ",
    en = "Spam and phishing storm on the official e-mail system",
  },
  description = {
    vi = "Mạng máy tính ma gửi hơn bốn triệu thư giả mạo Tổng cục Thuế thông báo hoàn thuế thu nhập cá nhân "
      .. "tới mọi hộp thư công vụ trong một ngày làm việc; cổng lọc thư rác chặn gần hết, vài thư lọt vào hộp "
      .. "thư và kế toán UBND thành phố Dĩ An mở tệp đính kèm. Khi bị chặn, nhóm tấn công đổi dải địa chỉ và tên miền gửi.",
    en = "A botnet sends over four million mails posing as the General Department of Taxation about a personal "
      .. "income tax refund to every official mailbox in one office day; the anti-spam gateways stop nearly all, "
      .. "a few reach inboxes and the Di An People's Committee accountant opens the attachment. When blocked, the "
      .. "crew moves to fresh sending ranges and domains.",
  },
  author = "irdrill",
  version = "1.0",
  techniques = { "T1566.001", "T1583.005", "T1204.002", "T1059.005", "T1547.001", "T1071.001", "T1003.001" },
  duration = hours(8),
  seed = 20231016,
  network = "binh-duong-2023",
  start = "2023-10-16T08:00:00+07:00",
}

objective {
  id = "foothold-mail",
  title = { vi = "Chiếm quyền một máy tính công vụ qua thư lừa đảo",
            en = "Take over an official's PC through the phishing mail" },
}
objective {
  id = "steal-credentials",
  title = { vi = "Đánh cắp thông tin đăng nhập trên máy tính bị chiếm quyền",
            en = "Steal the credentials on the compromised PC" },
}

-- The storm: the figure the province's incident response team reported,
-- plus the few crafted copies that slip through (SLIP). Undefended, the
-- gateways block exactly 4,418,716.
local BLOCKED = 4418716
local SLIP = 6
local STORM = "hoan-thue"
local STORM_START = minutes(10)
local STORM_LENGTH = hours(7) + minutes(30)

-- Sending ranges and domains, documentation addresses and reserved names
-- only, in the order the crew uses them (T1583.005: a botnet for hire).
local POOLS = {
  { senders = { "192.0.2.144/28", "198.51.100.32/28" },
    domains = { "hoanthue-gdt.example.net", "thue-dientu.example.com", "tracuu-mst.example.org" } },
  { senders = { "192.0.2.160/28", "198.51.100.48/28" },
    domains = { "gdt-hoanthue.example.org", "etax-thongbao.example.net", "thuevn-hotro.example.com" } },
  { senders = { "192.0.2.176/28", "198.51.100.0/28" },
    domains = { "canhan-thue.example.com", "hoantien-tncn.example.org", "gdt-vn.example.net" } },
}
local LURE = {
  subject = "Thông báo hoàn thuế thu nhập cá nhân năm 2022 / Personal income tax refund 2022",
  attachment = "ThongBao_HoanThue_TNCN_2022.zip",
  hash = "9b4e1f0c7a2d6e3b8c5f1a0d9e7b6c4a",
}
local C2 = { ip = "192.0.2.222", domain = "cdn-thuedientu.example.net" }

-- What the defenders are expected to do (docs/scoring.md): see the
-- implant call home, cut the accountant's PC off before the crew has its
-- foothold, and report to the national coordinator within two hours of
-- the storm's start with the systems, the vector and the indicators (the
-- storm's ranges, domains and attachment, the C2).
local INDICATORS = { LURE.hash, C2.ip, C2.domain }
for _, p in ipairs(POOLS) do
  for _, v in ipairs(p.senders) do INDICATORS[#INDICATORS + 1] = v end
  for _, v in ipairs(p.domains) do INDICATORS[#INDICATORS + 1] = v end
end
expect { id = "detect-beacon", detect = "beacon", within = minutes(30), points = 20 }
expect { id = "contain-lure", contain = { step = "phish" }, before = "foothold-mail", points = 40, partial = 15 }
expect { id = "report-coordinator", report = "coordinator", within = hours(2), points = 30,
         fields = { "systems", "vector", "indicators" }, indicators = INDICATORS }

local pool = 1

local function sender_of(p)
  return POOLS[p].senders[1]:gsub("/%d+$", "")
end

-- Move the storm to the next pool, if there is one left.
local function next_pool(why)
  if pool == #POOLS then return false end
  pool = pool + 1
  mail_storm { name = STORM, senders = POOLS[pool].senders, domains = POOLS[pool].domains }
  message { to = "white-cell", text = {
    vi = "Nhóm tấn công chuyển sang dải địa chỉ và tên miền gửi mới (" .. why .. "): "
      .. table.concat(POOLS[pool].senders, ", ") .. ".",
    en = "The crew moves to fresh sending ranges and domains (" .. why .. "): "
      .. table.concat(POOLS[pool].senders, ", ") .. "." } }
  return true
end

-- Blocks that stop most of the storm send the crew to fresh senders.
on("block", function()
  local st = storm(STORM)
  if st.running and st.reaching < 0.5 then next_pool("blocked") end
end)

message { to = "all", text = {
  vi = "Thứ Hai, 16/10/2023: hạn quyết toán thuế thu nhập cá nhân vừa qua, cán bộ đang chờ thông báo hoàn thuế.",
  en = "Monday 16 October 2023: the personal income tax filing deadline has just passed; staff await refund notices." } }

actor("botnet", function()
  wait_until(STORM_START)
  mail_storm { name = STORM, senders = POOLS[1].senders, domains = POOLS[1].domains,
               total = BLOCKED + SLIP, duration = STORM_LENGTH, slip = SLIP,
               subject = LURE.subject, hash = LURE.hash, technique = "T1566.001" }
end)

-- A clerk forwards one of the copies that reached her inbox to the SOC.
actor("helpdesk", function()
  wait(hours(1) + minutes(30))
  message { to = "all", text = {
    vi = "Văn thư Sở Tài chính chuyển cho SOC một thư \"hoàn thuế\" lọt vào hộp thư; tệp đính kèm "
      .. LURE.attachment .. " có mã băm " .. LURE.hash .. ".",
    en = "A Department of Finance clerk forwards to the SOC a \"tax refund\" mail that reached her inbox; the attachment "
      .. LURE.attachment .. " hashes to " .. LURE.hash .. "." } }
end)

-- The copy that is opened: aimed at the Dĩ An accountant, sent from the
-- storm's current range and domain. A lure refused for its range or
-- domain is sent again from a fresh pool, while there is one; a blocked
-- attachment would be refused from anywhere.
actor("lure", function()
  local pc = find_host { site = "dian", tag = "accounting" }
  local user = host(pc).accounts[1]
  wait_until(hours(2))
  local ok, why
  while true do
    ok, why = phish { account = user, host = pc, from = "hoanthue@" .. POOLS[pool].domains[1],
                      source = sender_of(pool), subject = LURE.subject, attachment = LURE.attachment,
                      hash = LURE.hash, technique = "T1566.001" }
    if ok or not why:find("blocked", 1, true) or why:find("^hash") or not next_pool("lure refused") then break end
    wait(minutes(20))
  end
  if not ok then
    prevent("foothold-mail", why)
    return prevent("steal-credentials", why)
  end
  wait(jitter(minutes(15)))
  ok, why = execute { host = pc, command = "wscript.exe C:\\Users\\Public\\ThongBao_HoanThue.vbs",
                      technique = "T1059.005" }
  if ok then
    wait(minutes(3))
    ok, why = persist { host = pc, method = "Run key", technique = "T1547.001" }
  end
  for _ = 1, 3 do
    if not ok then break end
    wait(jitter(minutes(10), 0.1))
    ok, why = beacon { host = pc, c2 = C2.ip, domain = C2.domain, technique = "T1071.001" }
    if ok then break end
  end
  if not ok then
    prevent("foothold-mail", why)
    return prevent("steal-credentials", why)
  end
  achieve("foothold-mail")
  wait(minutes(20))
  local creds
  ok, creds = dump_credentials { host = pc, technique = "T1003.001" }
  if ok then achieve("steal-credentials") else prevent("steal-credentials", creds) end
end)

-- 4418716 -> "4.418.716" (vi) or "4,418,716" (en).
local function grouped(n, sep)
  local s, k = tostring(n), 0
  repeat s, k = s:gsub("^(%d+)(%d%d%d)", "%1" .. sep .. "%2") until k == 0
  return s
end

-- The response team's count at the end of the day.
actor("report", function()
  wait_until(STORM_START + STORM_LENGTH + minutes(5))
  local st = storm(STORM)
  message { to = "all", text = {
    vi = "Đội ứng cứu sự cố: hệ thống thư điện tử công vụ đã chặn " .. grouped(st.blocked, ".")
      .. " thư rác và thư độc hại; " .. st.delivered .. " thư lọt vào hộp thư.",
    en = "Incident response team: the official e-mail system blocked " .. grouped(st.blocked, ",")
      .. " spam and malicious mails; " .. st.delivered .. " reached inboxes." } }
end)
