-- A small province for tests: a data center with a DMZ and a server farm,
-- one district with one commune, and the Internet outside.
network { id = "test-small", name = "Tỉnh Thử nghiệm", name_en = "Test Province" }

site { id = "p", kind = "province", name = "Tỉnh Thử nghiệm" }
site { id = "dc", kind = "datacenter", parent = "p", name = "Trung tâm dữ liệu" }
site { id = "d1", kind = "district", subkind = "city", parent = "p", name = "Thành phố Một" }
site { id = "d1-c1", kind = "commune", subkind = "ward", parent = "d1", name = "Phường Một" }
site { id = "soc", kind = "soc", parent = "p", name = "Trung tâm SOC", firewall = false }

segment { id = "dc-dmz", site = "dc", zone = "dmz", cidr = "10.10.1.0/24" }
segment { id = "dc-srv", site = "dc", zone = "servers", cidr = "10.10.2.0/24" }
segment { id = "d1-lan", site = "d1", zone = "lan", cidr = "10.21.0.0/24" }
segment { id = "c1-lan", site = "d1-c1", zone = "lan", cidr = "10.21.1.0/26" }
segment { id = "soc-lan", site = "soc", zone = "soc", cidr = "10.10.20.0/24" }

account { name = "admin", site = "p", admin = true }
account { name = "d1.an", display = "Nguyễn Văn An", site = "d1" }

host { name = "portal", segment = "dc-dmz", ip = "10.10.1.10", public_ip = "203.0.113.10",
       os = "Ubuntu 22.04", role = "web", criticality = "high",
       services = { "tcp/443 https nginx 1.18", "tcp/80 http nginx 1.18" }, accounts = { "admin" } }
host { name = "db", segment = "dc-srv", ip = "10.10.2.20", os = "Ubuntu 22.04", role = "database",
       criticality = "critical", services = { "tcp/5432 postgresql PostgreSQL 14" } }
host { name = "d1-pc-01", segment = "d1-lan", ip = "10.21.0.11", os = "Windows 10 Pro 22H2",
       role = "workstation", criticality = "low", services = { "tcp/445 smb", "tcp/3389 rdp" },
       accounts = { "d1.an", "admin" }, tags = { "district-pc" } }
host { name = "c1-pc-01", segment = "c1-lan", ip = "10.21.1.11", os = "Windows 10 Pro 22H2",
       role = "workstation", criticality = "low", services = { "tcp/445 smb" } }

system { id = "portal", name = "Cổng thông tin", level = 2, owner = "dc", hosts = { "portal", "db" }, monitored = true }

sensor { id = "ids-dc", type = "suricata", site = "soc", watch = { segments = { "dc-dmz", "dc-srv" } } }
sensor { id = "apt-d1", type = "apt", site = "d1", watch = { sites = { "d1" } } }
sensor { id = "fw-c1", type = "fortigate", site = "d1-c1", watch = { firewall = "d1-c1" } }
sensor { id = "fw-p", type = "fortigate", site = "p", watch = { firewall = "p" } }
sensor { id = "win-soc", type = "windows", site = "soc", watch = { systems = "monitored" } }

allow { from = "internet", to = "dc-dmz", ports = { "tcp/80", "tcp/443" } }
allow { from = "dc-dmz", to = "dc-srv", ports = "tcp/5432" }
deny  { from = "d1-c1", to = "internet" }
allow { from = "p", to = { "internet", "zone:dmz" } }
allow { from = "p", to = "d1", ports = "tcp/445" }
