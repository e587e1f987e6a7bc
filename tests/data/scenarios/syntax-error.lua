scenario { id = "broken", title = { vi = "Hỏng", en = "Broken" } }

actor("a", function()
  wait(minutes(5)
end)
