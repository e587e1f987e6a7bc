-- expect: ^FILE:5: allow: 'nowhere' in 'to' is not a segment, site
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
allow { from = "lan", to = "nowhere", ports = "tcp/22" }
