-- scenarios/web-defacement-dvc.lua
--
-- A defacement crew against the province's online public-services portal
-- (Cổng dịch vụ công), as such crews hit Vietnamese government sites: a
-- file-upload flaw in the portal's web application, a web shell, and on a
-- Saturday night the home page replaced with a foreign flag and slogans.
-- From the same foothold the crew takes the administrators' credentials
-- left on the web server and plants hidden gambling pages (SEO spam) on
-- the agency web portals, which the SOC does not monitor.
--
-- The crew reacts: a web node taken out of service makes it try the
-- other; a blocked address makes it come back through another; a page
-- restored without the hole being patched is defaced again.

scenario {
  id = "web-defacement-dvc",
  title = {
    vi = "Tấn công thay đổi giao diện Cổng dịch vụ công và chèn quảng cáo cờ bạc",
    en = "Defacement of the public-services portal and gambling SEO spam",
  },
  description = {
    vi = "Nhóm tin tặc khai thác lỗ hổng tải tệp lên của Cổng dịch vụ công trực tuyến tỉnh, cài web shell, "
      .. "thay trang chủ bằng cờ nước ngoài và khẩu hiệu xuyên tạc, rồi dùng thông tin đăng nhập lấy được "
      .. "trên máy chủ web để chèn trang quảng cáo cờ bạc ẩn vào trang thông tin điện tử của các sở, ngành.",
    en = "A crew exploits a file-upload flaw in the province's online public-services portal, plants a web "
      .. "shell, replaces the home page with a foreign flag and hostile slogans, then uses credentials found "
      .. "on the web server to hide gambling pages on the agency web portals.",
  },
  author = "irdrill",
  version = "1.0",
  techniques = { "T1190", "T1505.003", "T1491.002", "T1552.001", "T1021.006", "T1608.006" },
  duration = hours(6),
  seed = 20231111,
  network = "binh-duong-2023",
  start = "2023-11-11T21:00:00+07:00",
}

objective {
  id = "deface-dvc",
  title = { vi = "Thay giao diện trang chủ Cổng dịch vụ công trực tuyến tỉnh",
            en = "Deface the home page of the online public-services portal" },
}
objective {
  id = "seo-spam",
  title = { vi = "Chèn trang quảng cáo cờ bạc ẩn vào trang thông tin điện tử các sở, ngành",
            en = "Hide gambling pages on the agency web portals" },
}

-- The crew's addresses (documentation ranges): a rented server, then a
-- proxy when that is blocked.
local SOURCES = { "198.51.100.23", "192.0.2.88" }
local WEB_NODES = system("dvc").hosts            -- the portal's web front ends come first
local AGENCY_WEB = find_host { system = "agencyweb", role = "web" }
local PAGE = "/index.html"
local BANNER = "Hacked by a foreign crew: flag and slogans"

-- What the defenders are expected to do (docs/scoring.md): see the
-- exploit on the IDS, take the exploited node out before the portal is
-- defaced, report to the provincial SOC within two hours, and keep the
-- public-services portal serving.
expect { id = "detect-exploit", detect = "exploit", within = minutes(30), points = 30 }
expect { id = "contain-web-node", contain = { step = "exploit" }, before = "deface-dvc", points = 40, partial = 10 }
expect { id = "report-soc", report = "soc", within = hours(2), points = 20,
         fields = { "systems", "vector", "indicators" }, indicators = SOURCES }
expect { id = "keep-dvc-up", keep_up = "dvc", max_down = minutes(30), points = 30, partial = 10 }

local source = 1
local shell = nil      -- the web node holding the crew's web shell

local function is_web_node(name)
  return host(name).role == "web"
end

-- Exploit a web node and plant the shell, from the current source; a
-- blocked source makes the crew switch once.
local function take(node)
  local ok, why = exploit { host = node, port = 443, from = SOURCES[source], technique = "T1190" }
  if not ok and why:find("blocked", 1, true) and source < #SOURCES then
    source = source + 1
    wait(jitter(minutes(15)))
    ok, why = exploit { host = node, port = 443, from = SOURCES[source], technique = "T1190" }
  end
  if not ok then return nil, why end
  wait(jitter(minutes(5)))
  ok, why = persist { host = node, method = "web shell upload.jsp", technique = "T1505.003" }
  if not ok then return nil, why end
  return node
end

-- A foothold on any web node of the portal, the first that falls.
local function take_any()
  local why
  for _, node in ipairs(WEB_NODES) do
    if is_web_node(node) then
      local got
      got, why = take(node)
      if got then return got end
    end
  end
  return nil, why
end

local function deface_portal()
  return deface { host = shell, page = PAGE, content = BANNER, technique = "T1491.002" }
end

-- The page restored: if the hole is still open, the crew is back within
-- the hour and the flag with it.
on("restore", function(ev)
  if ev.target ~= shell then return end
  shell = nil
  wait(jitter(minutes(30)))
  local node = take(ev.target)
  if not node then return end
  shell = node
  wait(jitter(minutes(10)))
  deface_portal()
  message { to = "white-cell", text = {
    vi = "Trang đã khôi phục nhưng lỗ hổng chưa được vá: nhóm tấn công thay giao diện lần nữa.",
    en = "The page was restored but the hole not patched: the crew defaces it again." } }
end)

-- The node with the shell taken out of service before the defacement:
-- the crew goes for the other one.
on("isolate", function(ev)
  if ev.target == shell then shell = nil end
end)

actor("defacers", function()
  wait(jitter(minutes(40)))
  local why
  shell, why = take_any()
  if not shell then
    prevent("deface-dvc", why)
    return prevent("seo-spam", why)
  end

  -- Late on Saturday night, when the fewest people watch.
  wait_until(hours(2) + minutes(30))
  if not shell then shell, why = take_any() end
  local ok = shell ~= nil
  if ok then ok, why = deface_portal() end
  if ok then achieve("deface-dvc") else prevent("deface-dvc", why) end

  -- The web server's deployment scripts hold the administrators' passwords.
  wait(jitter(minutes(30)))
  local node = shell
  if not node then return prevent("seo-spam", "lost the web shell") end
  local creds
  ok, creds = dump_credentials { host = node, technique = "T1552.001" }
  if not ok then return prevent("seo-spam", creds) end
  wait(jitter(minutes(20)))
  ok, why = move { from = node, to = AGENCY_WEB, account = creds[1], via = "winrm", technique = "T1021.006" }
  if not ok then return prevent("seo-spam", why) end
  wait(jitter(minutes(15)))
  ok, why = deface { host = AGENCY_WEB, page = "/tin-tuc/", content = "hidden gambling links and pages",
                     technique = "T1608.006" }
  if ok then achieve("seo-spam") else prevent("seo-spam", why) end
end)

-- The citizens notice first.
actor("citizens", function()
  wait_until(hours(2) + minutes(50))
  for _, node in ipairs(WEB_NODES) do
    if is_web_node(node) and host(node).defaced then
      message { to = "all", text = {
        vi = "Người dân gọi đường dây nóng 1022: Cổng dịch vụ công tỉnh hiển thị lá cờ nước ngoài và khẩu hiệu xuyên tạc.",
        en = "A citizen calls the 1022 hotline: the provincial public-services portal shows a foreign flag and hostile slogans." } }
      return
    end
  end
end)
