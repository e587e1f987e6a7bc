-- expect: ^FILE:[0-9]+: memory limit of 64 MiB exceeded
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
local t = {}
local s = "x"
for i = 1, 1e9 do t[i] = s .. i end
