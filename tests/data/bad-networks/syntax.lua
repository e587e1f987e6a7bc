-- expect: ^FILE:7: '}' expected \(to close '\{' at line 6\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }

host { name = "a", segment = "lan" 
