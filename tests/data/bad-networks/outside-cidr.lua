-- expect: ^FILE:7: host 'a': address 10.2.0.5 is outside its segment 'lan' \(10.1.0.0/24\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }


host { name = "a", segment = "lan", ip = "10.2.0.5", os = "Linux", role = "server", criticality = "low" }
