-- expect: ^FILE:5: site 'x': kind 'village' is not one of
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
site { id = "x", kind = "village", parent = "p", name = "X" }
