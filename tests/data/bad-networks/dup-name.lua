-- expect: ^FILE:6: host 'a': duplicate name \(first declared at line 5\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
host { name = "a", segment = "lan", ip = "10.1.0.5", os = "Linux", role = "server", criticality = "low" }
host { name = "a", segment = "lan", ip = "10.1.0.6", os = "Linux", role = "server", criticality = "low" }
