-- expect: ^FILE:5: .*attempt to call a nil value \(field 'dump'\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
local s = string.dump(function() end)
