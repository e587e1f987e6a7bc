-- expect: ^FILE:7: .*attempt to call a nil value \(local 'make'\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
local make

make { name = "a" }
