-- tests/bench/flows.lua - the "flows" case of irdrill bench: a DDoS
-- against the public-services portal and the mail gateways from a botnet
-- of 64 ranges per wave, in many concurrent waves, so the sensors log
-- millions of flow records (EVE flow, Zeek conn, FortiGate traffic): one
-- sample session per source and minute per wave (docs/scenario-api.md).
--
-- irdrill bench copies this file with WAVES and HOURS set for the size it
-- runs (the values below are the full size); the drill is not scored.
local WAVES = 16
local HOURS = 24

scenario {
  id = "bench-flows",
  title = { vi = "Đo hiệu năng: tấn công từ chối dịch vụ", en = "Benchmark: denial of service" },
  author = "irdrill",
  version = "1.0",
  techniques = { "T1498.001", "T1499.002" },
  duration = hours(HOURS),
  seed = 20231113,
  network = "binh-duong-2023",
  start = "2023-11-13T00:00:00+07:00",
}

objective {
  id = "flood",
  title = { vi = "Làm quá tải các dịch vụ công", en = "Overwhelm the public services" },
}

-- 64 /28 ranges from the documentation blocks per wave.
local SOURCES = {}
for i = 0, 63 do
  SOURCES[#SOURCES + 1] = (i < 16 and "192.0.2." or i < 32 and "198.51.100." or "203.0.113.")
    .. ((i % 16) * 16) .. "/28"
end
if #SOURCES > 64 then error("too many sources") end

local TARGETS = {}
for _, name in ipairs(hosts { system = "dvc", role = "web" }) do
  TARGETS[#TARGETS + 1] = { name = name, port = 443 }
end
for _, name in ipairs(hosts { tag = "mail-gateway" }) do
  TARGETS[#TARGETS + 1] = { name = name, port = 25 }
end

for w = 1, WAVES do
  local t = TARGETS[(w - 1) % #TARGETS + 1]
  actor("botnet-" .. w, function()
    wait(seconds(w))
    while now() + minutes(30) <= hours(HOURS) do
      local ok = flood { target = t.name, port = t.port, sources = SOURCES, rate = 100000, capacity = 10,
                         duration = minutes(30), technique = "T1498.001" }
      if not ok then wait(minutes(30)) end
    end
  end)
end

actor("end", function()
  wait(hours(HOURS) - seconds(1))
  achieve("flood")
end)
