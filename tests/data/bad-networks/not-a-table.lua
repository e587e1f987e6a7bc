-- expect: ^FILE:5: bad argument #1 to 'host' \(table expected, got string\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
host "a"
