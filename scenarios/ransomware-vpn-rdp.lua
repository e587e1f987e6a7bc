-- scenarios/ransomware-vpn-rdp.lua
--
-- A ransomware affiliate against the provincial data center, the way such
-- crews get in: an infostealer on a system administrator's home laptop
-- leaked his SSL-VPN password (no second factor), and an access broker
-- sold it. On a Friday night the affiliate connects through the VPN, opens
-- a remote desktop on the administrators' jump host, dumps the domain
-- administrator's credentials, deletes the backups and shadow copies,
-- stops the services of the document-management system and of the
-- electronic one-stop-shop, and encrypts them at midnight: official
-- documents are gone and citizens' applications stop on Monday morning.
--
-- The affiliate reacts: a blocked exit address makes it use another; a
-- disabled account makes it use the second credential of the same leak; a
-- lost jump host makes it come back through the VPN with the domain
-- administrator's password, straight onto the next server; a disabled or
-- reset administrator makes it take another from its dump.

scenario {
  id = "ransomware-vpn-rdp",
  title = {
    vi = "Mã độc tống tiền: tài khoản VPN bị lộ, di chuyển bằng RDP, mã hóa máy chủ Trung tâm Dữ liệu",
    en = "Ransomware: a leaked VPN account, RDP movement, data-center servers encrypted",
  },
  description = {
    vi = "Tài khoản VPN của một quản trị viên Trung tâm Dữ liệu bị mã độc đánh cắp thông tin lấy mất "
      .. "và bị rao bán. Tối thứ Sáu, nhóm tống tiền đăng nhập VPN, dùng RDP tới máy chủ trung gian, "
      .. "lấy thông tin đăng nhập quản trị miền, xóa bản sao lưu và shadow copy rồi mã hóa các máy chủ "
      .. "hệ thống quản lý văn bản và hệ thống một cửa điện tử lúc nửa đêm.",
    en = "An infostealer took a data-center administrator's VPN password and a broker sold it. On a "
      .. "Friday night a ransomware crew logs on through the VPN, opens a remote desktop on the jump "
      .. "host, takes the domain administrator's credentials, deletes backups and shadow copies and "
      .. "encrypts the document-management and one-stop-shop servers at midnight.",
  },
  author = "irdrill",
  version = "1.0",
  techniques = {
    "T1133", "T1078", "T1087.002", "T1003.001", "T1021.001", "T1021.004", "T1490", "T1489", "T1486",
  },
  duration = hours(8),
  seed = 20231110,
  network = "binh-duong-2023",
  start = "2023-11-10T20:00:00+07:00",
}

objective {
  id = "destroy-backups",
  title = { vi = "Xóa bản sao lưu và shadow copy của Trung tâm Dữ liệu",
            en = "Delete the data center's backups and shadow copies" },
}
objective {
  id = "encrypt-qlvb",
  title = { vi = "Mã hóa toàn bộ máy chủ hệ thống quản lý văn bản (QLVB-ĐH)",
            en = "Encrypt every server of the document-management system" },
}
objective {
  id = "stop-one-stop-shop",
  title = { vi = "Làm ngừng hệ thống một cửa điện tử (dịch vụ công cho người dân)",
            en = "Take the electronic one-stop-shop (citizens' public services) down" },
}

-- Attack infrastructure: documentation addresses only. The affiliate's
-- rented server, then a residential proxy when that is blocked.
local EXITS = { "198.51.100.66", "192.0.2.45" }

-- What the infostealer took from the administrator's home laptop: his own
-- account (he is the user of dc-admin-pc-01) and the backup service
-- account whose password he kept in his browser.
local LEAKED = { host("dc-admin-pc-01").accounts[1], "dc.svc-backup" }

local JUMP = "dc-jump-01"
local BACKUP = "dc-backup-01"

-- What the defenders are expected to do (docs/scoring.md): cut the VPN
-- session's landing host off (or disable the leaked account) before the
-- backups go, report to the national coordinator within three hours of
-- the first logon, and keep the document-management system and the
-- one-stop-shop in service.
expect { id = "contain-vpn-landing", contain = { step = "logon" }, before = "destroy-backups", points = 40,
         partial = 15 }
expect { id = "contain-backup-server", contain = BACKUP, before = "destroy-backups", points = 20 }
expect { id = "report-coordinator", report = "coordinator", within = hours(3), points = 30,
         fields = { "systems", "level", "vector", "indicators" }, indicators = EXITS }
expect { id = "keep-qlvb-up", keep_up = "qlvb", max_down = hours(1), points = 30, partial = 10 }
expect { id = "keep-motcua-up", keep_up = "motcua", max_down = hours(1), points = 30, partial = 10 }

local exit = 1       -- which exit address the affiliate uses
local base = nil     -- the host it works from, while it holds it
local admins = {}    -- domain administrators from its dump, best first
local staged = {}    -- servers whose services it has stopped, ready to encrypt

-- The console protocol for a server: remote desktop for Windows, ssh for
-- the rest.
local function via_for(name)
  return host(name).os:find("Windows") and "rdp" or "ssh"
end

local function give_up(why)
  prevent("destroy-backups", why)
  prevent("encrypt-qlvb", why)
  prevent("stop-one-stop-shop", why)
end

-- Through the province's SSL-VPN as account, onto target; a blocked exit
-- makes the affiliate move to the next one.
local function vpn(account, target)
  local ok, why = logon { account = account, host = target, via = "vpn", from = EXITS[exit],
                          technique = "T1133" }
  while not ok and why:find("blocked", 1, true) and exit < #EXITS do
    exit = exit + 1
    wait(jitter(minutes(20)))
    ok, why = logon { account = account, host = target, via = "vpn", from = EXITS[exit], technique = "T1133" }
  end
  return ok, why
end

-- The first leaked account that still works, landing on the jump host.
local function get_in()
  local why
  for _, account in ipairs(LEAKED) do
    local ok
    ok, why = vpn(account, JUMP)
    if ok then return account end
    if not (why:find("disabled", 1, true) or why:find("reset", 1, true)) then return nil, why end
    wait(jitter(minutes(30)))
  end
  return nil, why
end

-- Reach target with a domain administrator's password: from the base by
-- remote desktop or ssh, else back through the VPN straight onto target
-- (the new base when the old one is lost). The third result says the
-- affiliate has lost its base and the VPN too.
local function hop(target)
  if target == base then return true end
  local via = via_for(target)
  local ok, why = move { from = base, to = target, account = admins[1], via = via,
                         technique = via == "rdp" and "T1021.001" or "T1021.004" }
  if ok then return true end
  local base_lost = why == "host is isolated" or why == "host is down"
  ok, why = vpn(admins[1], target)
  if ok and base_lost then base = target end
  return ok, why, not ok and base_lost
end

-- The defenders disabling or resetting the administrator the affiliate
-- uses: it takes the next one from its dump, or dumps again from its base.
on("disable", function(ev)
  if ev.target == admins[1] then table.remove(admins, 1) end
end)
on("reset", function(ev)
  if ev.target ~= admins[1] or not base then return end
  local ok, creds = dump_credentials { host = base, technique = "T1003.001" }
  if ok then admins = creds end
end)

actor("affiliate", function()
  wait(jitter(minutes(30)))
  local account, why = get_in()
  if not account then return give_up(why) end
  base = JUMP
  message { to = "white-cell", text = {
    vi = "Kẻ tấn công đăng nhập VPN bằng tài khoản " .. account .. " và mở RDP tới " .. JUMP .. ".",
    en = "The attacker logs on to the VPN as " .. account .. " and opens a remote desktop on " .. JUMP .. "." } }

  wait(jitter(minutes(15)))
  execute { host = base, command = "net group \"Domain Admins\" /domain & nltest /dclist:", technique = "T1087.002" }
  wait(jitter(minutes(20)))
  local ok, creds = dump_credentials { host = base, technique = "T1003.001" }
  if not ok then
    -- The jump host is gone already: back in through the VPN with the
    -- leaked account, onto the backup server, and dump there.
    ok, why = vpn(account, BACKUP)
    if not ok then return give_up(why) end
    base = BACKUP
    ok, creds = dump_credentials { host = base, technique = "T1003.001" }
    if not ok then return give_up(creds) end
  end
  admins = creds

  -- No way back for the victim: backups and shadow copies first.
  wait(jitter(minutes(25)))
  local lost
  ok, why, lost = hop(BACKUP)
  if ok then
    wait(jitter(minutes(10)))
    ok, why = execute { host = BACKUP, technique = "T1490",
                        command = "Remove-VBRRestorePoint; vssadmin delete shadows /all /quiet; wbadmin delete catalog -quiet" }
  end
  if ok then achieve("destroy-backups") else prevent("destroy-backups", why) end
  if lost then return give_up(why) end

  -- Stop the services of the two systems, server by server.
  local targets = {}
  for _, id in ipairs({ "qlvb", "motcua" }) do
    for _, name in ipairs(system(id).hosts) do targets[#targets + 1] = name end
  end
  for _, name in ipairs(targets) do
    wait(jitter(minutes(10)))
    if #admins == 0 then return give_up("no administrator account left") end
    ok, why, lost = hop(name)
    if lost then return give_up(why) end
    if ok then
      ok = execute { host = name, technique = "T1489",
                     command = via_for(name) == "rdp" and "net stop W3SVC & net stop MSSQLSERVER"
                               or "systemctl stop tomcat9 oracle-ohasd" }
      if ok then staged[#staged + 1] = name end
    end
  end

  -- Midnight: encrypt everything staged at once.
  wait_until(hours(4))
  for _, name in ipairs(staged) do
    encrypt { host = name, technique = "T1486" }
  end
  if system("qlvb").available then
    prevent("encrypt-qlvb", "a document-management server was not encrypted")
  else
    achieve("encrypt-qlvb")
  end
  if system("motcua").available then
    prevent("stop-one-stop-shop", "a one-stop-shop server was not encrypted")
  else
    achieve("stop-one-stop-shop")
  end
end)

-- What the duty officers see when the encryption has run.
actor("duty-officer", function()
  wait_until(hours(4) + minutes(40))
  if not system("motcua").available then
    message { to = "all", text = {
      vi = "Cán bộ trực Trung tâm Dữ liệu báo: hệ thống một cửa điện tử không truy cập được, màn hình "
        .. "máy chủ hiện thư đòi tiền chuộc; các bộ phận một cửa sẽ không tiếp nhận được hồ sơ sáng thứ Hai.",
      en = "The data center's duty officer reports the one-stop-shop is unreachable and the server consoles "
        .. "show a ransom note; one-stop desks will not take applications on Monday morning." } }
  end
  if not system("qlvb").available then
    message { to = "all", text = {
      vi = "Văn thư các sở báo không mở được văn bản trên hệ thống quản lý văn bản.",
      en = "Records clerks in the departments cannot open documents in the document-management system." } }
  end
end)
