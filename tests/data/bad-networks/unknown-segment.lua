-- expect: ^FILE:5: host 'a': segment 'dmz' \(field 'segment'\) is not declared
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
host { name = "a", segment = "dmz", ip = "10.1.0.5", os = "Linux", role = "server", criticality = "low" }
