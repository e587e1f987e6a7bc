-- expect: ^FILE:5: site 'a': its parents form a cycle
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
site { id = "a", kind = "district", parent = "b", name = "A" }
site { id = "b", kind = "district", parent = "a", name = "B" }
