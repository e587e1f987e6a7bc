-- expect: ^FILE:6: unknown name 'os'
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }

os.execute("true")
