-- expect: ^FILE:5: assignment to undeclared global 'count' \(declare it local\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
count = 3
