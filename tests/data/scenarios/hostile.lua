-- Each actor misbehaves in its own way; the drill must survive them all
-- and the well-behaved actor must still finish.
scenario { id = "hostile", title = { vi = "Kịch bản xấu", en = "Hostile scenario" }, duration = hours(1) }
objective { id = "survive", title = { vi = "Sống sót", en = "Survive" } }

actor("looper", function() while true do end end)
actor("swallower", function()
  while true do pcall(function() while true do end end) end
end)
actor("bomber", function() local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(64) .. i end end)
actor("reader", function() local f = io.open("/etc/passwd") end)
actor("shell", function() os.execute("touch /tmp/irdrill-pwned") end)
actor("loader", function() load("return 1")() end)
actor("recurser", function() local function f() return 1 + f() end f() end)
actor("thrower", function() wait(minutes(1)) error("boom inside a coroutine") end)
actor("nester", function()
  local co = coroutine.wrap(function() wait(minutes(1)) end)
  co()
end)
actor("yielder", function() coroutine.yield() end)
actor("lost", function() phish { account = "nobody", host = "no-such-host", from = "a@b.example" } end)
actor("good", function()
  wait(minutes(10))
  achieve("survive")
end)
