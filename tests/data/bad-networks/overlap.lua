-- expect: ^FILE:5: segment 'lan2': its addresses overlap segment 'lan' \(line 4\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
segment { id = "lan2", site = "p", zone = "lan", cidr = "10.1.0.128/25" }
