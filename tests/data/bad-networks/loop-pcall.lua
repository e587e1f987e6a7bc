-- expect: ^FILE:[0-9]+: instruction budget of [0-9]+ exceeded
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
local n = 0
while true do pcall(function() while true do n = n + 1 end end) end
