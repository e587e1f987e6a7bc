-- expect: ^FILE:5: .*stack overflow
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
local function f(n) return 1 + f(n + 1) end f(1)
