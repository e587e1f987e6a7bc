-- expect: ^FILE:6: host 'a': address '10.1.0.999' is not an IPv4 address \(called from line 9\)
network { id = "t", name = "T" }
site { id = "p", kind = "province", name = "P" }
segment { id = "lan", site = "p", zone = "lan", cidr = "10.1.0.0/24" }
local function pc(name, ip)
  host { name = name, segment = "lan", ip = ip, os = "Linux", role = "server", criticality = "low" }
end
pc("b", "10.1.0.7")
pc("a", "10.1.0.999")
