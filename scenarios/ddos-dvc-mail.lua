-- scenarios/ddos-dvc-mail.lua
--
-- A hacktivist group rents a botnet to knock the province's online
-- public-services portal and its official e-mail gateway off the air on a
-- Monday morning, announcing it on Telegram first. The portal's two web
-- front ends take an HTTPS flood, the anti-spam gateways an SMTP flood,
-- in half-hour waves. The national coordinator (VNCERT/CC) shares the
-- botnet's ranges in the first hour.
--
-- How a flood is weighed (docs/scenario-api.md, Floods): the traffic is
-- spread over the sources; what IP blocks on the path cover is dropped;
-- the target falls while more than its capacity gets through. Blocking
-- some ranges is not enough while the rest still overwhelms the target.
--
-- The group reacts: when a wave is relieved by blocks it moves to fresh
-- botnet ranges, twice. Pulling the portal offline counts as the group's
-- success: the citizens cannot reach it either.

scenario {
  id = "ddos-dvc-mail",
  title = {
    vi = "Tấn công từ chối dịch vụ vào Cổng dịch vụ công và cổng thư điện tử công vụ",
    en = "Denial of service against the public-services portal and the official e-mail gateway",
  },
  description = {
    vi = "Nhóm tin tặc tuyên bố trên Telegram sẽ đánh sập Cổng dịch vụ công tỉnh rồi dùng mạng máy tính ma "
      .. "tấn công HTTPS vào hai máy chủ web của cổng và tấn công SMTP vào hai cổng lọc thư rác theo từng "
      .. "đợt ba mươi phút; khi bị chặn, nhóm chuyển sang dải địa chỉ khác.",
    en = "A hacktivist group announces on Telegram it will take the provincial public-services portal down, "
      .. "then floods the portal's two web servers over HTTPS and the two anti-spam gateways over SMTP in "
      .. "half-hour waves; when blocked it moves to other botnet ranges.",
  },
  author = "irdrill",
  version = "1.0",
  techniques = { "T1498.001", "T1499.002", "T1583.005" },
  duration = hours(6),
  seed = 20231113,
  network = "binh-duong-2023",
  start = "2023-11-13T08:00:00+07:00",
}

objective {
  id = "dvc-offline",
  title = { vi = "Làm Cổng dịch vụ công tỉnh không truy cập được tổng cộng một giờ",
            en = "Keep the public-services portal unreachable for an hour in all" },
}
objective {
  id = "mail-offline",
  title = { vi = "Làm ngừng nhận thư điện tử công vụ từ bên ngoài tổng cộng ba mươi phút",
            en = "Stop the official e-mail taking outside mail for thirty minutes in all" },
}

-- The botnet's ranges, documentation addresses only, in the order the
-- group uses them (T1583.005: a botnet for hire).
local POOLS = {
  { "198.51.100.0/26", "192.0.2.0/26" },
  { "198.51.100.64/26", "192.0.2.64/26" },
  { "198.51.100.128/26", "192.0.2.128/26" },
}
local WAVE = minutes(30)
local CAMPAIGN_END = hours(4)
local SAMPLE = minutes(5)

local PORTAL = hosts { system = "dvc", role = "web" }
local GATEWAYS = hosts { tag = "mail-gateway" }

-- What the defenders are expected to do (docs/scoring.md): keep the
-- public-services portal and the first mail gateway serving through the
-- floods (blocking the botnet's ranges, not pulling the plug), and report
-- the attack to the national coordinator within two hours with its
-- ranges.
local BOTNET = {}
for _, p in ipairs(POOLS) do
  for _, range in ipairs(p) do BOTNET[#BOTNET + 1] = range end
end
expect { id = "keep-dvc-up", keep_up = "dvc", max_down = minutes(30), points = 40, partial = 15 }
expect { id = "keep-mail-up", keep_up = GATEWAYS[1], max_down = minutes(30), points = 30, partial = 10 }
expect { id = "report-coordinator", report = "coordinator", within = hours(2), points = 20,
         fields = { "systems", "vector", "indicators" }, indicators = BOTNET }

local pool = 1

local function offline(name)
  local h = host(name)
  return h.flooded or h.down or h.isolated
end

local function all_offline(names)
  for _, name in ipairs(names) do
    if not offline(name) then return false end
  end
  return true
end

-- One actor per target: waves until the campaign ends. A wave stopped by
-- blocks on the ranges in use moves the whole group to the next pool (the
-- last pool blocked, this actor stops); a target offline for another
-- reason is left alone for a wave.
local function flood_actor(name, target, port, rate, capacity, technique, first_wave)
  actor(name, function()
    wait_until(first_wave)
    while now() + WAVE <= CAMPAIGN_END do
      local used = pool
      local ok, why = flood { target = target, port = port, sources = POOLS[used], rate = rate,
                              capacity = capacity, duration = WAVE, technique = technique }
      if not ok and why:find("blocked", 1, true) then
        if used == #POOLS then return end
        if used == pool then
          pool = pool + 1
          message { to = "white-cell", text = {
            vi = "Nhóm tấn công chuyển sang dải mạng máy tính ma mới: " .. table.concat(POOLS[pool], ", ") .. ".",
            en = "The group moves to fresh botnet ranges: " .. table.concat(POOLS[pool], ", ") .. "." } }
        end
        wait(minutes(5))
      elseif not ok then
        wait(WAVE)
      end
    end
  end)
end

-- A referee's clock: every five minutes, is the service unreachable?
-- settle(true) once it has been for `needed` in all, settle(false) if the
-- campaign ends first.
local function watch(name, names, needed, settle)
  actor(name, function()
    local down = 0
    wait_until(minutes(57) + seconds(30)) -- between wave boundaries
    while now() < CAMPAIGN_END do
      if all_offline(names) then down = down + SAMPLE end
      if down >= needed then return settle(true) end
      wait(SAMPLE)
    end
    settle(false)
  end)
end

message { to = "all", text = {
  vi = "Kênh Telegram của một nhóm tin tặc thông báo sẽ đánh sập Cổng dịch vụ công tỉnh Bình Dương lúc 9 giờ sáng nay.",
  en = "A hacktivist Telegram channel announces it will take the Binh Duong public-services portal down at 9 this morning." } }

actor("vncert", function()
  wait(minutes(35))
  message { to = "all", text = {
    vi = "VNCERT/CC cảnh báo: mạng máy tính ma của nhóm dùng các dải 198.51.100.0/24 và 192.0.2.0/24.",
    en = "VNCERT/CC warns: the group's botnet uses 198.51.100.0/24 and 192.0.2.0/24." } }
end)

for i, name in ipairs(PORTAL) do
  flood_actor("botnet-web-" .. i, name, 443, 3000, 1000, "T1499.002", hours(1))
end
for i, name in ipairs(GATEWAYS) do
  flood_actor("botnet-mail-" .. i, name, 25, 1500, 500, "T1498.001", hours(1) + minutes(30))
end
watch("watch-portal", PORTAL, hours(1), function(reached)
  if reached then achieve("dvc-offline") else prevent("dvc-offline", "the portal stayed reachable") end
end)
watch("watch-mail", GATEWAYS, minutes(30), function(reached)
  if reached then achieve("mail-offline") else prevent("mail-offline", "the gateways kept taking mail") end
end)

-- The group claims success whatever happened.
actor("telegram", function()
  wait_until(CAMPAIGN_END)
  message { to = "all", text = {
    vi = "Nhóm tin tặc đăng ảnh chụp màn hình Cổng dịch vụ công báo lỗi và tự nhận chiến thắng.",
    en = "The group posts screenshots of the portal failing and claims victory." } }
end)
