-- expect: ^FILE:5: host 'a': address '10.1.0.300' is not an IPv4 address
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
host { name = "a", segment = "lan", ip = "10.1.0.300", os = "Linux", role = "server", criticality = "low" }
