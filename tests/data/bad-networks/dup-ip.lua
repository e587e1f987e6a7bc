-- expect: ^FILE:6: host 'b': address 10.1.0.5 is already taken by host 'a' \(line 5\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
host { name = "a", segment = "lan", ip = "10.1.0.5", os = "Linux", role = "server", criticality = "low" }
host { name = "b", segment = "lan", ip = "10.1.0.5", os = "Linux", role = "server", criticality = "low" }
