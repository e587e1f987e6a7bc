-- expect: ^FILE:5: sensor 'ids': watches nothing
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
sensor { id = "ids", type = "suricata", site = "p", watch = {} }
