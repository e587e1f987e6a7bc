-- expect: ^FILE:6: sensor 'soc-win': watches nothing
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
system { id = "s", name = "S", level = 2, owner = "p", hosts = { "a" }, monitored = false }
sensor { id = "soc-win", type = "windows", site = "p", watch = { systems = "monitored" } }
host { name = "a", segment = "lan", ip = "10.1.0.5", os = "Linux", role = "server", criticality = "low" }
