-- scenarios/networks/default.lua
--
-- The default province: Bình Dương as it stood in 2023. The data center with
-- its DMZ, application, database, mail and management segments; the
-- provincial SOC (linked to the national monitoring center) that watches 10
-- of the 23 information systems; the departments; the 9 district-level units,
-- each with an APT sensor; and the 91 commune-level People's Committees, each
-- behind its own FortiGate. Facts come from shared/DOMAIN.md; the addresses,
-- people, products and versions are invented but realistic.
--
-- Address plan (private 10.0.0.0/8 inside; public faces NAT to 203.0.113.0/24,
-- the documentation range, so no real Internet address ever shows up in a
-- drill's logs):
--
--   10.0.0.0/24           province core: perimeter firewalls, data network routers
--   10.10.1.0/24          data center DMZ: portals, public DNS, VPN, webmail proxy
--   10.10.2.0/24          data center applications and shared infrastructure
--   10.10.3.0/24          data center databases
--   10.10.5.0/24          mail: anti-spam gateways (the only tcp/25 the Internet sees)
--   10.10.6.0/24          mail: mailbox servers
--   10.10.10.0/24         data center management
--   10.10.20.0/24         provincial SOC
--   10.10.21.0/24         SOC network sensors in the data center
--   10.11.N.0/24          department N (the order of DEPARTMENTS)
--   10.(20+k).0.0/24      district k's People's Committee (the order of DISTRICTS)
--   10.(20+k).N.0/24      commune-level unit N of district k
--   10.(20+k).250.0/28    district k's APT sensor
--
-- Inside every office LAN: .1 the firewall, .10-.19 servers and devices,
-- .101 upwards the workstations, in the order of their users.
--
-- Everything below is generated from the tables at the top, deterministically:
-- the same file always yields the same province, down to the people's names.

-- Mail domain of the official e-mail system; every user account gets a box.
local MAIL_DOMAIN = "binhduong.gov.vn"

-- The systems the provincial SOC watches (ids from SYSTEMS below). Editing
-- this list is how a province configures which systems the SOC watches: each
-- system's `monitored` flag and the SOC's host sensors (Windows, Sysmon:
-- watch = { systems = "monitored" }) follow it. In 2023 the SOC watched 10 of
-- the 23; the other 13 are the blind spots scenarios can use.
local MONITORED = {
  "qlvb", "portal", "dvc", "motcua", "email",
  "lgsp", "chukyso", "ioc", "dcinfra", "land",
}

------------------------------------------------------------------------------
-- The province's units
------------------------------------------------------------------------------

-- Provincial departments and agencies: site id (also the account and host
-- prefix), names, and how many workstations their LAN has.
local DEPARTMENTS = {
  { id = "vpubnd",  staff = 60, name = "Văn phòng UBND tỉnh",                    name_en = "Office of the Provincial People's Committee" },
  { id = "snv",     staff = 45, name = "Sở Nội vụ",                              name_en = "Department of Home Affairs" },
  { id = "stc",     staff = 50, name = "Sở Tài chính",                           name_en = "Department of Finance" },
  { id = "skhdt",   staff = 45, name = "Sở Kế hoạch và Đầu tư",                  name_en = "Department of Planning and Investment" },
  { id = "stttt",   staff = 55, name = "Sở Thông tin và Truyền thông",           name_en = "Department of Information and Communications" },
  { id = "syt",     staff = 55, name = "Sở Y tế",                                name_en = "Department of Health" },
  { id = "sgddt",   staff = 60, name = "Sở Giáo dục và Đào tạo",                 name_en = "Department of Education and Training" },
  { id = "stp",     staff = 35, name = "Sở Tư pháp",                             name_en = "Department of Justice" },
  { id = "sct",     staff = 45, name = "Sở Công Thương",                         name_en = "Department of Industry and Trade" },
  { id = "snnptnt", staff = 55, name = "Sở Nông nghiệp và Phát triển nông thôn", name_en = "Department of Agriculture and Rural Development" },
  { id = "sgtvt",   staff = 45, name = "Sở Giao thông vận tải",                  name_en = "Department of Transport" },
  { id = "sxd",     staff = 45, name = "Sở Xây dựng",                            name_en = "Department of Construction" },
  { id = "stnmt",   staff = 60, name = "Sở Tài nguyên và Môi trường",            name_en = "Department of Natural Resources and Environment" },
  { id = "sldtbxh", staff = 50, name = "Sở Lao động - Thương binh và Xã hội",    name_en = "Department of Labour, Invalids and Social Affairs" },
  { id = "svhttdl", staff = 50, name = "Sở Văn hóa, Thể thao và Du lịch",        name_en = "Department of Culture, Sports and Tourism" },
  { id = "skhcn",   staff = 35, name = "Sở Khoa học và Công nghệ",               name_en = "Department of Science and Technology" },
  { id = "sngv",    staff = 30, name = "Sở Ngoại vụ",                            name_en = "Department of Foreign Affairs" },
  { id = "ttt",     staff = 40, name = "Thanh tra tỉnh",                         name_en = "Provincial Inspectorate" },
  { id = "bqlkcn",  staff = 50, name = "Ban Quản lý các khu công nghiệp",        name_en = "Industrial Zones Management Board" },
  { id = "vpdbqh",  staff = 35, name = "Văn phòng Đoàn ĐBQH và HĐND tỉnh",       name_en = "Office of the National Assembly Delegation and Provincial People's Council" },
}

-- District-level units and their commune-level units as of 2023, in the
-- order that numbers their address blocks. `staff` is the number of
-- workstations in the district People's Committee LAN.
local DISTRICTS = {
  { id = "tdm", subkind = "city", name = "Thủ Dầu Một", staff = 60,
    wards = { "Phú Cường", "Hiệp Thành", "Chánh Nghĩa", "Phú Thọ", "Phú Hòa", "Phú Lợi", "Hiệp An",
              "Định Hòa", "Tân An", "Tương Bình Hiệp", "Chánh Mỹ", "Phú Mỹ", "Hòa Phú", "Phú Tân" } },
  { id = "thuanan", subkind = "city", name = "Thuận An", staff = 58,
    wards = { "Lái Thiêu", "An Thạnh", "Vĩnh Phú", "Bình Hòa", "Thuận Giao", "An Phú", "Bình Chuẩn",
              "Bình Nhâm", "Hưng Định" },
    communes = { "An Sơn" } },
  { id = "dian", subkind = "city", name = "Dĩ An", staff = 56,
    wards = { "Dĩ An", "An Bình", "Tân Đông Hiệp", "Đông Hòa", "Bình An", "Bình Thắng", "Tân Bình" } },
  { id = "tanuyen", subkind = "city", name = "Tân Uyên", staff = 52,
    wards = { "Uyên Hưng", "Tân Phước Khánh", "Thái Hòa", "Thạnh Phước", "Tân Hiệp", "Khánh Bình",
              "Phú Chánh", "Hội Nghĩa", "Tân Vĩnh Hiệp", "Vĩnh Tân" },
    communes = { "Bạch Đằng", "Thạnh Hội" } },
  { id = "bencat", subkind = "town", name = "Bến Cát", staff = 50,
    wards = { "Mỹ Phước", "Thới Hòa", "Hòa Lợi", "Tân Định", "Chánh Phú Hòa" },
    communes = { "An Điền", "An Tây", "Phú An" } },
  { id = "bactanuyen", subkind = "district", name = "Bắc Tân Uyên", staff = 45,
    townships = { "Tân Thành", "Tân Bình" },
    communes = { "Bình Mỹ", "Đất Cuốc", "Hiếu Liêm", "Lạc An", "Tân Định", "Tân Lập", "Tân Mỹ",
                 "Thường Tân" } },
  { id = "baubang", subkind = "district", name = "Bàu Bàng", staff = 42,
    townships = { "Lai Uyên" },
    communes = { "Cây Trường II", "Hưng Hòa", "Lai Hưng", "Long Nguyên", "Tân Hưng", "Trừ Văn Thố" } },
  { id = "dautieng", subkind = "district", name = "Dầu Tiếng", staff = 46,
    townships = { "Dầu Tiếng" },
    communes = { "An Lập", "Định An", "Định Hiệp", "Định Thành", "Long Hòa", "Long Tân", "Minh Hòa",
                 "Minh Tân", "Minh Thạnh", "Thanh An", "Thanh Tuyền" } },
  { id = "phugiao", subkind = "district", name = "Phú Giáo", staff = 44,
    townships = { "Phước Vĩnh" },
    communes = { "An Bình", "An Linh", "An Long", "An Thái", "Phước Hòa", "Phước Sang", "Tam Lập",
                 "Tân Hiệp", "Tân Long", "Vĩnh Hòa" } },
}

-- How each kind of unit is written in Vietnamese and in English.
local DISTRICT_TITLE = {
  city     = { "Thành phố %s", "%s City" },
  town     = { "Thị xã %s",    "%s Town" },
  district = { "Huyện %s",     "%s District" },
}
local COMMUNE_TITLE = {
  ward     = { "Phường %s",  "%s Ward" },
  township = { "Thị trấn %s", "%s Township" },
  commune  = { "Xã %s",      "%s Commune" },
}

-- Workstations in a commune-level office (4-10): urban wards and townships
-- have more staff on computers than rural communes. n numbers the unit
-- within its district, so neighbours differ.
local COMMUNE_STAFF = {
  ward     = function(n) return 7 + n % 4 end,   -- 7-10
  township = function(n) return 8 + n % 3 end,   -- 8-10
  commune  = function(n) return 5 + n % 4 end,   -- 5-8
}

------------------------------------------------------------------------------
-- The 23 information systems. Hosts are attached below from the data-center
-- host table (its `system` column); levels follow Law 86/2015 as DOMAIN.md
-- suggests: 3 for e-mail, document management, LGSP, the data-center
-- infrastructure, the public-service portal and the one-stop-shop behind it.
------------------------------------------------------------------------------

local SYSTEMS = {
  { id = "qlvb",      level = 3, owner = "stttt",   name = "Hệ thống quản lý văn bản và điều hành (QLVB-ĐH)",        name_en = "Document management and executive system" },
  { id = "portal",    level = 2, owner = "stttt",   name = "Cổng thông tin điện tử tỉnh Bình Dương",                 name_en = "Provincial web portal" },
  { id = "agencyweb", level = 2, owner = "stttt",   name = "Trang thông tin điện tử các sở, ngành, địa phương",      name_en = "Agency web portals" },
  { id = "motcua",    level = 3, owner = "vpubnd",  name = "Hệ thống một cửa điện tử",                               name_en = "Electronic one-stop-shop" },
  { id = "dvc",       level = 3, owner = "vpubnd",  name = "Cổng dịch vụ công trực tuyến tỉnh",                      name_en = "Online public services portal" },
  { id = "email",     level = 3, owner = "stttt",   name = "Hệ thống thư điện tử công vụ",                           name_en = "Official e-mail system and anti-spam gateway" },
  { id = "lgsp",      level = 3, owner = "stttt",   name = "Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)",              name_en = "Data integration and sharing platform (LGSP)" },
  { id = "vhdt",      level = 2, owner = "stttt",   name = "Hệ thống hội nghị truyền hình trực tuyến",               name_en = "Video conferencing system" },
  { id = "land",      level = 2, owner = "stnmt",   name = "Hệ thống thông tin đất đai",                             name_en = "Land and cadastral records" },
  { id = "chukyso",   level = 2, owner = "stttt",   name = "Hệ thống dịch vụ chữ ký số",                             name_en = "Digital signature services" },
  { id = "ioc",       level = 2, owner = "stttt",   name = "Trung tâm Giám sát, điều hành thông minh (IOC)",         name_en = "Intelligent Operations Center (IOC)" },
  { id = "tslcd",     level = 2, owner = "stttt",   name = "Mạng truyền số liệu chuyên dùng",                        name_en = "Specialised government data network" },
  { id = "dcinfra",   level = 3, owner = "stttt",   name = "Hạ tầng Trung tâm Dữ liệu tỉnh",                         name_en = "Provincial data center infrastructure" },
  { id = "cbcc",      level = 2, owner = "snv",     name = "Hệ thống quản lý hồ sơ cán bộ, công chức, viên chức",    name_en = "Cadre and civil servant records" },
  { id = "taichinh",  level = 2, owner = "stc",     name = "Hệ thống quản lý tài chính - ngân sách",                 name_en = "Finance and budget management" },
  { id = "yte",       level = 2, owner = "syt",     name = "Hệ thống thông tin quản lý y tế",                        name_en = "Health management information system" },
  { id = "giaoduc",   level = 2, owner = "sgddt",   name = "Cơ sở dữ liệu ngành giáo dục",                           name_en = "Education sector database" },
  { id = "phananh",   level = 2, owner = "stttt",   name = "Hệ thống tiếp nhận phản ánh, kiến nghị (1022)",          name_en = "Citizen feedback system (1022)" },
  { id = "gis",       level = 1, owner = "stnmt",   name = "Hệ thống thông tin địa lý dùng chung (GIS)",             name_en = "Shared geographic information system (GIS)" },
  { id = "hotich",    level = 2, owner = "stp",     name = "Hệ thống đăng ký và quản lý hộ tịch",                    name_en = "Civil status registration" },
  { id = "dautucong", level = 2, owner = "skhdt",   name = "Hệ thống quản lý đầu tư công",                           name_en = "Public investment management" },
  { id = "quyhoach",  level = 2, owner = "sxd",     name = "Hệ thống quản lý quy hoạch, cấp phép xây dựng",          name_en = "Planning and construction permits" },
  { id = "baocao",    level = 2, owner = "vpubnd",  name = "Hệ thống thông tin báo cáo tỉnh",                        name_en = "Provincial reporting information system" },
}

------------------------------------------------------------------------------
-- Operating systems and the services every host of that kind listens on
------------------------------------------------------------------------------

local WIN10     = "Windows 10 Pro 22H2"
local WIN10_OLD = "Windows 10 Pro 21H2"   -- out of servicing since June 2023
local WIN11     = "Windows 11 Pro 22H2"
local WS2016    = "Windows Server 2016 Standard"
local WS2019    = "Windows Server 2019 Standard"
local WS2022    = "Windows Server 2022 Standard"
local U20       = "Ubuntu 20.04"
local U22       = "Ubuntu 22.04"
local RHEL8     = "Red Hat Enterprise Linux 8"
local FORTIOS   = "FortiOS 7.2"
local ESXI      = "VMware ESXi 7.0 U3"
local IOSXE     = "Cisco IOS XE 17.6"
local POLY      = "Poly VideoOS 4.0"
local PRINTER   = "HP FutureSmart 5"

local WIN_SERVER = { "tcp/135 msrpc", "tcp/445 smb", "tcp/3389 rdp", "tcp/5985 winrm" }
local BASE_SERVICES = {
  [WS2016] = WIN_SERVER,
  [WS2019] = WIN_SERVER,
  [WS2022] = WIN_SERVER,
  [U20]    = { "tcp/22 ssh OpenSSH 8.2" },
  [U22]    = { "tcp/22 ssh OpenSSH 8.9" },
  [RHEL8]  = { "tcp/22 ssh OpenSSH 8.0" },
}
local LINUX = { [U20] = true, [U22] = true, [RHEL8] = true }

-- Application services, by product
local NGINX     = { "tcp/80 http nginx 1.18", "tcp/443 https nginx 1.18" }
local IIS       = { "tcp/80 http Microsoft IIS 10.0", "tcp/443 https Microsoft IIS 10.0" }
local TOMCAT    = { "tcp/8080 http Apache Tomcat 9.0", "tcp/443 https nginx 1.18" }
local MSSQL2016 = { "tcp/1433 mssql Microsoft SQL Server 2016" }
local MSSQL2019 = { "tcp/1433 mssql Microsoft SQL Server 2019" }
local PGSQL12   = { "tcp/5432 postgresql PostgreSQL 12" }
local PGSQL14   = { "tcp/5432 postgresql PostgreSQL 14" }
local MYSQL8    = { "tcp/3306 mysql MySQL 8.0" }
local ORACLE19  = { "tcp/1521 oracle-tns Oracle Database 19c" }
local DNS_BIND  = { "udp/53 dns BIND 9.18", "tcp/53 dns BIND 9.18" }
local WSO2      = { "tcp/8243 https WSO2 API Manager 3.2", "tcp/8280 http WSO2 API Manager 3.2",
                    "tcp/9443 https WSO2 API Manager 3.2 console" }
local ZIMBRA    = { "tcp/25 smtp Postfix 3.5", "tcp/587 submission Postfix 3.5", "tcp/993 imaps Zimbra 8.8.15",
                    "tcp/443 https Zimbra 8.8.15", "tcp/7071 https Zimbra 8.8.15 admin console" }
local AD_DS     = { "udp/53 dns", "tcp/53 dns", "tcp/88 kerberos", "tcp/389 ldap", "tcp/636 ldaps",
                    "tcp/3268 globalcatalog" }
local FGT_ADMIN = { "tcp/443 https FortiOS 7.2", "tcp/22 ssh" }
local WORKSTATION_SERVICES = { "tcp/135 msrpc", "tcp/139 netbios-ssn", "tcp/445 smb" }

------------------------------------------------------------------------------
-- People. Names are drawn deterministically from these tables; a name that
-- appears several times is that much more common (Nguyễn is borne by about a
-- third of Vietnamese; Huỳnh and Võ are common in the South).
------------------------------------------------------------------------------

local FAMILY = {
  "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn",
  "Trần", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm", "Huỳnh", "Huỳnh", "Võ", "Võ",
  "Phan", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương",
}
local MIDDLE = {
  male   = { "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Hoàng", "Tấn", "Văn" },
  female = { "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Bích" },
}
local GIVEN = {
  male   = { "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khoa", "Khánh",
             "Long", "Lộc", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng",
             "Thành", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Tâm", "Hậu", "Kiên" },
  female = { "Anh", "Châu", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương",
             "Lan", "Linh", "Loan", "Mai", "My", "Ngân", "Nhung", "Oanh", "Phương", "Quyên",
             "Thảo", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến", "Xuân", "Diễm", "Nhàn" },
}

-- What the first users of every office do: scenario authors pick lure
-- targets by these tags (the chairman, the clerk who opens incoming official
-- letters, the accountant who opens tax mail, the one-stop-shop desk).
local OFFICE_DUTY = { "leader", "records-clerk", "accounting", "one-stop-desk" }

------------------------------------------------------------------------------
-- Helpers
------------------------------------------------------------------------------

-- Vietnamese letters folded to ASCII, keeping case. Built with pairs: the
-- order does not matter for a lookup table.
local FOLD = {}
for base, letters in pairs({
  a = "àáảãạăằắẳẵặâầấẩẫậ", A = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
  e = "èéẻẽẹêềếểễệ",       E = "ÈÉẺẼẸÊỀẾỂỄỆ",
  i = "ìíỉĩị",             I = "ÌÍỈĨỊ",
  o = "òóỏõọôồốổỗộơờớởỡợ", O = "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
  u = "ùúủũụưừứửữự",       U = "ÙÚỦŨỤƯỪỨỬỮỰ",
  y = "ỳýỷỹỵ",             Y = "ỲÝỶỸỴ",
  d = "đ",                 D = "Đ",
}) do
  for _, c in utf8.codes(letters) do FOLD[c] = base end
end

local function unaccent(s)
  local out = {}
  for _, c in utf8.codes(s) do
    if c < 128 then
      out[#out + 1] = string.char(c)
    else
      out[#out + 1] = FOLD[c] or error("no ASCII form for '" .. utf8.char(c) .. "' in '" .. s .. "'")
    end
  end
  return table.concat(out)
end

-- "Tương Bình Hiệp" -> "tuong-binh-hiep" (ids, host names)
local function slug(s)
  return (unaccent(s):lower():gsub("[^%w]+", "-"):gsub("^%-", ""):gsub("%-$", ""))
end

-- "Tương Bình Hiệp" -> "tuongbinhhiep" (account names)
local function squash(s)
  return (unaccent(s):lower():gsub("[^%w]", ""))
end

local function seed_of(s)
  local h = 5381
  for i = 1, #s do h = (h * 33 + s:byte(i)) % 1000003 end
  return h
end

-- A generator of distinct people for one office: alternately a man and a
-- woman, walking the name space with a stride from an office-specific
-- start, skipping any login already used in that office.
local STRIDE = 7919
local function people(office)
  local seed, seen, drawn = seed_of(office), {}, 0
  return function()
    drawn = drawn + 1
    local sex = drawn % 2 == 1 and "male" or "female"
    local mids, givens = MIDDLE[sex], GIVEN[sex]
    local space = #FAMILY * #mids * #givens
    local k = (seed + drawn * STRIDE) % space
    while true do
      local f = FAMILY[k // (#mids * #givens) + 1]
      local m = mids[k // #givens % #mids + 1]
      local g = givens[k % #givens + 1]
      local login = squash(f .. m .. g)
      if not seen[login] then
        seen[login] = true
        return f .. " " .. m .. " " .. g, login
      end
      k = (k + 1) % space
    end
  end
end

-- Declares a segment and returns what hosts need from it.
local function new_segment(s)
  segment(s)
  return { id = s.id, site = s.site, net = s.cidr:match("^(%d+%.%d+%.%d+)%.") }
end

local linux_servers = {}   -- data-center and SOC Linux hosts, for the sshd sensor
local system_hosts = {}    -- system id -> hosts that serve it
for _, s in ipairs(SYSTEMS) do system_hosts[s.id] = {} end

local function copy_into(dst, src)
  for _, v in ipairs(src or {}) do dst[#dst + 1] = v end
  return dst
end

-- Declares a host. `ip` is the last octet in the segment, `pub` the last
-- octet of its public address; the operating system brings its baseline
-- services (`services` adds the host's own).
local function add_host(h)
  host {
    name = h.name,
    segment = h.seg.id,
    ip = h.seg.net .. "." .. h.ip,
    public_ip = h.pub and ("203.0.113." .. h.pub) or nil,
    os = h.os,
    role = h.role,
    services = copy_into(copy_into({}, BASE_SERVICES[h.os]), h.services),
    accounts = h.accounts or {},
    criticality = h.crit,
    level = h.level,
    tags = h.tags,
  }
  if LINUX[h.os] and (h.seg.site == "dc" or h.seg.site == "soc") then
    linux_servers[#linux_servers + 1] = h.name
  end
  if h.system then
    local list = system_hosts[h.system] or error("host " .. h.name .. ": unknown system " .. h.system)
    list[#list + 1] = h.name
  end
  return h.name
end

-- The administrator account of an office (local or domain admin).
local function office_admin(site_id, prefix, office_name)
  local name = prefix .. ".admin"
  account { name = name, site = site_id, admin = true, display = "Quản trị viên " .. office_name }
  return name
end

-- Provincial network administrators manage every FortiGate from the data
-- center (FortiManager), so they are the accounts that log on to them.
local NETADMIN = "bd.netadmin"

local function edge_firewall(seg, site_id, tag)
  return add_host { name = site_id .. "-fw-01", seg = seg, ip = 1, os = FORTIOS, role = "firewall",
                    crit = "high", services = FGT_ADMIN, accounts = { NETADMIN }, tags = { "edge-firewall", tag } }
end

local function office_devices(seg, site_id, first_octet, tag)
  add_host { name = site_id .. "-vc-01", seg = seg, ip = first_octet, os = POLY, role = "vc-endpoint", crit = "low",
             services = { "tcp/1720 h323", "udp/5060 sip", "tcp/443 https Poly VideoOS 4.0" },
             tags = { "vc-room", tag } }
  add_host { name = site_id .. "-prn-01", seg = seg, ip = first_octet + 1, os = PRINTER, role = "printer", crit = "low",
             services = { "tcp/80 http", "tcp/631 ipp", "tcp/9100 jetdirect", "udp/161 snmp" },
             tags = { "printer", tag } }
end

-- One workstation per user, .101 upwards, each with its user's account and
-- the office administrator. Most run Windows 10 22H2, every fifth Windows 11,
-- a few are still on 21H2; a few have remote desktop switched on.
local function workstations(seg, site_id, prefix, count, admin, tag)
  local next_person = people(site_id)
  for j = 1, count do
    local display, login = next_person()
    local user = prefix .. "." .. login
    account { name = user, display = display, site = site_id, email = user .. "@" .. MAIL_DOMAIN }

    local os, tags, services = WIN10, { tag, OFFICE_DUTY[j] }, copy_into({}, WORKSTATION_SERVICES)
    if j % 5 == 0 then
      os = WIN11
    elseif j % 7 == 3 then
      os = WIN10_OLD
      tags[#tags + 1] = "outdated-os"
    end
    if j % 6 == 2 then
      services[#services + 1] = "tcp/3389 rdp"
      tags[#tags + 1] = "rdp-enabled"
    end
    add_host { name = string.format("%s-pc-%02d", site_id, j), seg = seg, ip = 100 + j, os = os,
               role = "workstation", crit = j == 1 and "medium" or "low", services = services,
               accounts = { user, admin }, tags = tags }
  end
end

------------------------------------------------------------------------------
-- The province, its core, the data center and the SOC
------------------------------------------------------------------------------

network { id = "binh-duong-2023", name = "Tỉnh Bình Dương (2023)", name_en = "Binh Duong Province (2023)" }

-- The root's firewall is the provincial perimeter: only flows to and from
-- the Internet cross it.
site { id = "bd", kind = "province", name = "Tỉnh Bình Dương", name_en = "Binh Duong Province", firewall = true }
site { id = "dc", kind = "datacenter", parent = "bd", firewall = true,
       name = "Trung tâm Dữ liệu tỉnh Bình Dương", name_en = "Binh Duong Provincial Data Center" }
site { id = "soc", kind = "soc", parent = "bd", firewall = true,
       name = "Trung tâm Giám sát an toàn thông tin tỉnh (SOC)", name_en = "Provincial Security Operations Center (SOC)" }

account { name = NETADMIN, site = "bd", admin = true, display = "Quản trị mạng tỉnh" }

local CORE = new_segment { id = "bd-core", site = "bd", zone = "wan", cidr = "10.0.0.0/24",
                           name = "Lõi mạng tỉnh (mạng truyền số liệu chuyên dùng)" }
local DC = {
  dmz       = new_segment { id = "dc-dmz",        site = "dc", zone = "dmz",     cidr = "10.10.1.0/24",  name = "Vùng DMZ" },
  apps      = new_segment { id = "dc-apps",       site = "dc", zone = "servers", cidr = "10.10.2.0/24",  name = "Vùng máy chủ ứng dụng" },
  db        = new_segment { id = "dc-db",         site = "dc", zone = "servers", cidr = "10.10.3.0/24",  name = "Vùng máy chủ cơ sở dữ liệu" },
  mailgw    = new_segment { id = "dc-mail-gw",    site = "dc", zone = "mail",    cidr = "10.10.5.0/24",  name = "Cổng lọc thư rác" },
  mailstore = new_segment { id = "dc-mail-store", site = "dc", zone = "mail",    cidr = "10.10.6.0/24",  name = "Máy chủ thư điện tử" },
  mgmt      = new_segment { id = "dc-mgmt",       site = "dc", zone = "mgmt",    cidr = "10.10.10.0/24", name = "Vùng quản trị" },
  core      = CORE,
}
local SOC_LAN     = new_segment { id = "soc-lan",     site = "soc", zone = "soc",    cidr = "10.10.20.0/24", name = "Mạng SOC" }
local SOC_SENSORS = new_segment { id = "soc-sensors", site = "soc", zone = "sensor", cidr = "10.10.21.0/24", name = "Cảm biến SOC tại TTDL" }

-- Data-center people: the domain administrator, the system administrators
-- (named, they log on everywhere in the data center) and service accounts.
local DC_ADMIN = office_admin("dc", "dc", "Trung tâm Dữ liệu tỉnh")
local DC_STAFF = { DC_ADMIN }
do
  local next_person = people("dc")
  for _ = 1, 5 do
    local display, login = next_person()
    local name = "dc." .. login
    account { name = name, display = display, site = "dc", admin = true, email = name .. "@" .. MAIL_DOMAIN }
    DC_STAFF[#DC_STAFF + 1] = name
  end
end
-- The backup service account is a domain admin, as it so often is.
for _, svc in ipairs({ { "dc.svc-backup", true }, { "dc.svc-sql", false }, { "dc.svc-qlvb", false },
                       { "dc.svc-lgsp", false }, { "dc.svc-scan", true } }) do
  account { name = svc[1], site = "dc", admin = svc[2], display = "Tài khoản dịch vụ" }
end

-- The data-center and core hosts. ip and pub are last octets.
--   name                  seg          ip  os      role                 system       crit        services  extras
local DC_HOSTS = {
  -- province core: perimeter firewall pair and the specialised data network
  { "bd-fw-01",             "core",       1, FORTIOS, "firewall",          "dcinfra",   "critical", FGT_ADMIN, pub = 1, tags = { "perimeter-firewall" } },
  { "bd-fw-02",             "core",       2, FORTIOS, "firewall",          "dcinfra",   "critical", FGT_ADMIN, pub = 2, tags = { "perimeter-firewall" } },
  { "bd-tslcd-core-01",     "core",      10, IOSXE,   "router",            "tslcd",     "critical", { "tcp/22 ssh", "udp/161 snmp" }, tags = { "tslcd" } },
  { "bd-tslcd-core-02",     "core",      11, IOSXE,   "router",            "tslcd",     "critical", { "tcp/22 ssh", "udp/161 snmp" }, tags = { "tslcd" } },

  -- DMZ: what citizens and the Internet reach
  { "dc-vpn-01",            "dmz",       10, FORTIOS, "vpn",               "dcinfra",   "high",     { "tcp/443 https FortiGate SSL-VPN 7.2", "udp/500 ike", "udp/4500 ipsec-nat-t" }, pub = 10, tags = { "vpn" } },
  { "dc-dns-pub-01",        "dmz",       11, U22,     "dns",               "dcinfra",   "high",     DNS_BIND, pub = 11, tags = { "public-dns" } },
  { "dc-dns-pub-02",        "dmz",       12, U22,     "dns",               "dcinfra",   "high",     DNS_BIND, pub = 12, tags = { "public-dns" } },
  { "dc-portal-web-01",     "dmz",       20, U22,     "web",               "portal",    "high",     copy_into({ "tcp/8080 http Liferay Portal 7.4" }, NGINX), pub = 20, tags = { "portal", "public-web" } },
  { "dc-portal-web-02",     "dmz",       21, U22,     "web",               "portal",    "high",     copy_into({ "tcp/8080 http Liferay Portal 7.4" }, NGINX), pub = 21, tags = { "portal", "public-web" } },
  { "dc-sites-web-01",      "dmz",       22, WS2016,  "web",               "agencyweb", "medium",   IIS, pub = 22, tags = { "agency-portal", "public-web" } },
  { "dc-sites-web-02",      "dmz",       23, WS2016,  "web",               "agencyweb", "medium",   IIS, pub = 23, tags = { "agency-portal", "public-web" } },
  { "dc-dvc-web-01",        "dmz",       30, U20,     "web",               "dvc",       "critical", NGINX, pub = 30, tags = { "public-services", "portal", "public-web" } },
  { "dc-dvc-web-02",        "dmz",       31, U20,     "web",               "dvc",       "critical", NGINX, pub = 31, tags = { "public-services", "portal", "public-web" } },
  { "dc-phananh-web-01",    "dmz",       35, WS2019,  "web",               "phananh",   "medium",   IIS, pub = 35, tags = { "citizen-feedback", "public-web" } },
  { "dc-webmail-01",        "dmz",       40, U22,     "web",               "email",     "high",     NGINX, pub = 40, tags = { "webmail", "public-web" } },

  -- applications and shared infrastructure
  { "dc-ad-01",             "apps",      10, WS2019,  "domain-controller", "dcinfra",   "critical", AD_DS, tags = { "ad" } },
  { "dc-ad-02",             "apps",      11, WS2019,  "domain-controller", "dcinfra",   "critical", AD_DS, tags = { "ad" } },
  { "dc-dns-01",            "apps",      12, U22,     "dns",               "dcinfra",   "high",     DNS_BIND, tags = { "resolver" } },
  { "dc-dns-02",            "apps",      13, U22,     "dns",               "dcinfra",   "high",     DNS_BIND, tags = { "resolver" } },
  { "dc-wsus-01",           "apps",      14, WS2019,  "server",            "dcinfra",   "high",     { "tcp/8530 http WSUS", "tcp/8531 https WSUS" }, tags = { "patching" } },
  { "dc-av-01",             "apps",      15, WS2019,  "server",            "dcinfra",   "high",     { "tcp/13000 ksc Kaspersky Security Center 14", "tcp/14000 ksc Kaspersky Security Center 14" }, tags = { "av-console" } },
  { "dc-qlvb-app-01",       "apps",      20, WS2019,  "server",            "qlvb",      "critical", IIS, logon = { "dc.svc-qlvb" }, tags = { "document-management" } },
  { "dc-qlvb-app-02",       "apps",      21, WS2019,  "server",            "qlvb",      "critical", IIS, logon = { "dc.svc-qlvb" }, tags = { "document-management" } },
  { "dc-motcua-app-01",     "apps",      25, U20,     "server",            "motcua",    "critical", TOMCAT, tags = { "one-stop-shop" } },
  { "dc-motcua-app-02",     "apps",      26, U20,     "server",            "motcua",    "critical", TOMCAT, tags = { "one-stop-shop" } },
  { "dc-dvc-app-01",        "apps",      30, U20,     "server",            "dvc",       "critical", TOMCAT, tags = { "public-services" } },
  { "dc-lgsp-01",           "apps",      35, RHEL8,   "server",            "lgsp",      "critical", WSO2, logon = { "dc.svc-lgsp" }, tags = { "lgsp" } },
  { "dc-lgsp-02",           "apps",      36, RHEL8,   "server",            "lgsp",      "critical", WSO2, logon = { "dc.svc-lgsp" }, tags = { "lgsp" } },
  { "dc-vc-mcu-01",         "apps",      40, "Poly RealPresence Collaboration Server 8.9", "vc-mcu", "vhdt", "high", { "tcp/1720 h323", "udp/5060 sip", "tcp/5061 sips", "tcp/443 https Poly RMX 8.9" }, tags = { "video-conference" } },
  { "dc-land-app-01",       "apps",      45, WS2016,  "server",            "land",      "high",     IIS, tags = { "land-records" } },
  { "dc-land-app-02",       "apps",      46, WS2016,  "server",            "land",      "high",     IIS, tags = { "land-records" } },
  { "dc-sign-01",           "apps",      50, WS2019,  "server",            "chukyso",   "critical", { "tcp/443 https Remote Signing Service" }, tags = { "digital-signature" } },
  { "dc-tsa-01",            "apps",      51, U22,     "server",            "chukyso",   "high",     { "tcp/80 http RFC 3161 timestamp", "tcp/443 https nginx 1.18" }, tags = { "digital-signature" } },
  { "dc-ioc-app-01",        "apps",      55, U22,     "server",            "ioc",       "high",     copy_into({ "tcp/3000 http Node.js 18" }, NGINX), tags = { "ioc" } },
  { "dc-ioc-app-02",        "apps",      56, U22,     "server",            "ioc",       "high",     copy_into({ "tcp/3000 http Node.js 18" }, NGINX), tags = { "ioc" } },
  { "dc-ioc-vms-01",        "apps",      57, WS2019,  "server",            "ioc",       "high",     { "tcp/443 https Milestone XProtect 2022 R3", "tcp/7563 xprotect-mobile" }, tags = { "ioc", "cctv" } },
  { "dc-cbcc-app-01",       "apps",      60, WS2016,  "server",            "cbcc",      "high",     IIS, tags = { "hr-records" } },
  { "dc-taichinh-app-01",   "apps",      62, WS2019,  "server",            "taichinh",  "high",     IIS, tags = { "finance" } },
  { "dc-yte-app-01",        "apps",      64, U20,     "server",            "yte",       "high",     TOMCAT, tags = { "health" } },
  { "dc-giaoduc-app-01",    "apps",      66, U20,     "server",            "giaoduc",   "medium",   NGINX, tags = { "education" } },
  { "dc-phananh-app-01",    "apps",      68, WS2019,  "server",            "phananh",   "medium",   IIS, tags = { "citizen-feedback" } },
  { "dc-gis-app-01",        "apps",      70, WS2019,  "server",            "gis",       "medium",   { "tcp/6443 https ArcGIS Server 10.9" }, tags = { "gis" } },
  { "dc-hotich-app-01",     "apps",      72, WS2016,  "server",            "hotich",    "high",     IIS, tags = { "civil-status" } },
  { "dc-dautucong-app-01",  "apps",      74, WS2016,  "server",            "dautucong", "medium",   IIS, tags = { "public-investment" } },
  { "dc-quyhoach-app-01",   "apps",      76, U20,     "server",            "quyhoach",  "medium",   TOMCAT, tags = { "planning" } },
  { "dc-baocao-app-01",     "apps",      78, WS2019,  "server",            "baocao",    "medium",   IIS, tags = { "reporting" } },

  -- databases
  { "dc-qlvb-db-01",        "db",        10, WS2019,  "database",          "qlvb",      "critical", MSSQL2019, logon = { "dc.svc-sql" } },
  { "dc-qlvb-db-02",        "db",        11, WS2019,  "database",          "qlvb",      "critical", MSSQL2019, logon = { "dc.svc-sql" } },
  { "dc-portal-db-01",      "db",        12, U22,     "database",          "portal",    "high",     PGSQL14 },
  { "dc-sites-db-01",       "db",        13, WS2016,  "database",          "agencyweb", "medium",   MSSQL2016, logon = { "dc.svc-sql" } },
  { "dc-motcua-db-01",      "db",        14, RHEL8,   "database",          "motcua",    "critical", ORACLE19 },
  { "dc-dvc-db-01",         "db",        15, RHEL8,   "database",          "dvc",       "critical", ORACLE19 },
  { "dc-lgsp-db-01",        "db",        16, RHEL8,   "database",          "lgsp",      "critical", MYSQL8 },
  { "dc-land-db-01",        "db",        17, WS2016,  "database",          "land",      "critical", MSSQL2016, logon = { "dc.svc-sql" } },
  { "dc-land-db-02",        "db",        18, WS2016,  "database",          "land",      "critical", MSSQL2016, logon = { "dc.svc-sql" } },
  { "dc-ioc-db-01",         "db",        19, U22,     "database",          "ioc",       "high",     PGSQL14 },
  { "dc-cbcc-db-01",        "db",        20, WS2016,  "database",          "cbcc",      "high",     MSSQL2016, logon = { "dc.svc-sql" } },
  { "dc-taichinh-db-01",    "db",        21, WS2019,  "database",          "taichinh",  "high",     MSSQL2019, logon = { "dc.svc-sql" } },
  { "dc-yte-db-01",         "db",        22, U20,     "database",          "yte",       "high",     PGSQL12 },
  { "dc-giaoduc-db-01",     "db",        23, U20,     "database",          "giaoduc",   "medium",   MYSQL8 },
  { "dc-phananh-db-01",     "db",        24, WS2019,  "database",          "phananh",   "medium",   MSSQL2019, logon = { "dc.svc-sql" } },
  { "dc-gis-db-01",         "db",        25, U22,     "database",          "gis",       "medium",   PGSQL14 },
  { "dc-hotich-db-01",      "db",        26, WS2016,  "database",          "hotich",    "high",     MSSQL2016, logon = { "dc.svc-sql" } },
  { "dc-dautucong-db-01",   "db",        27, WS2016,  "database",          "dautucong", "medium",   MSSQL2016, logon = { "dc.svc-sql" } },
  { "dc-quyhoach-db-01",    "db",        28, U20,     "database",          "quyhoach",  "medium",   PGSQL12 },
  { "dc-baocao-db-01",      "db",        29, WS2019,  "database",          "baocao",    "medium",   MSSQL2019, logon = { "dc.svc-sql" } },

  -- mail: anti-spam gateways (Postfix + SpamAssassin via amavis) and the mailbox servers
  { "dc-mailgw-01",         "mailgw",    25, U22,     "mail",              "email",     "critical", { "tcp/25 smtp Postfix 3.6" }, pub = 50, tags = { "mail-gateway", "antispam" } },
  { "dc-mailgw-02",         "mailgw",    26, U22,     "mail",              "email",     "critical", { "tcp/25 smtp Postfix 3.6" }, pub = 51, tags = { "mail-gateway", "antispam" } },
  { "dc-mail-01",           "mailstore", 10, RHEL8,   "mail",              "email",     "critical", ZIMBRA, tags = { "mailbox" } },
  { "dc-mail-02",           "mailstore", 11, RHEL8,   "mail",              "email",     "critical", ZIMBRA, tags = { "mailbox" } },
  { "dc-mail-03",           "mailstore", 12, RHEL8,   "mail",              "email",     "critical", ZIMBRA, tags = { "mailbox" } },
  { "dc-mail-ldap-01",      "mailstore", 20, RHEL8,   "server",            "email",     "critical", { "tcp/389 ldap OpenLDAP 2.4 (Zimbra 8.8.15)" }, tags = { "mail-directory" } },

  -- management: firewalls, virtualisation, backup, bastions
  { "dc-fw-01",             "mgmt",       1, FORTIOS, "firewall",          "dcinfra",   "critical", FGT_ADMIN, tags = { "dc-firewall" } },
  { "dc-fw-02",             "mgmt",       2, FORTIOS, "firewall",          "dcinfra",   "critical", FGT_ADMIN, tags = { "dc-firewall" } },
  { "dc-vcenter-01",        "mgmt",      10, "VMware vCenter Server Appliance 7.0", "server", "dcinfra", "critical", { "tcp/443 https VMware vCenter Server 7.0", "tcp/22 ssh" }, tags = { "hypervisor-management" } },
  { "dc-fmg-01",            "mgmt",      30, "FortiManager 7.2", "server", "dcinfra", "critical", { "tcp/443 https FortiManager 7.2", "tcp/541 fgfm", "tcp/22 ssh" }, tags = { "firewall-management" } },
  { "dc-backup-01",         "mgmt",      32, WS2022,  "server",            "dcinfra",   "critical", { "tcp/9392 veeam Veeam Backup & Replication 12" }, logon = { "dc.svc-backup" }, tags = { "backup" } },
  { "dc-jump-01",           "mgmt",      40, WS2019,  "server",            "dcinfra",   "critical", {}, tags = { "jump-host" } },
  { "dc-jump-02",           "mgmt",      41, U22,     "server",            "dcinfra",   "critical", {}, tags = { "jump-host" } },
  { "dc-nms-01",            "mgmt",      50, U22,     "server",            "dcinfra",   "high",     { "tcp/443 https Zabbix 6.0", "tcp/10051 zabbix-trapper Zabbix 6.0" }, logon = { "dc.svc-scan" }, tags = { "monitoring" } },
}
-- Twelve hypervisors carry the virtual machines above.
for i = 1, 12 do
  DC_HOSTS[#DC_HOSTS + 1] = { string.format("dc-esxi-%02d", i), "mgmt", 10 + i, ESXI, "hypervisor", "dcinfra",
                              "critical", { "tcp/443 https VMware ESXi 7.0", "tcp/902 vmware-authd", "tcp/427 slp" },
                              tags = { "hypervisor" } }
end

for _, row in ipairs(DC_HOSTS) do
  local name, seg, ip, os, role, system, crit, services = table.unpack(row, 1, 8)
  local tags = copy_into({ name:find("^bd%-") and "core-network" or "dc-server" }, row.tags)
  if row.pub then tags[#tags + 1] = "internet-facing" end
  -- Network gear is run by the network administrators, servers by the
  -- data-center team.
  local accounts = (os == FORTIOS or os == IOSXE) and { NETADMIN } or copy_into(copy_into({}, DC_STAFF), row.logon)
  add_host { name = name, seg = DC[seg], ip = ip, os = os, role = role, system = system, crit = crit,
             services = services, pub = row.pub, accounts = accounts, tags = tags }
end

-- The administrators' own workstations sit in the management zone: phishing
-- one of them is the shortest path to everything.
for i = 2, 5 do
  add_host { name = string.format("dc-admin-pc-%02d", i - 1), seg = DC.mgmt, ip = 99 + i, os = WIN11,
             role = "workstation", crit = "high", services = WORKSTATION_SERVICES,
             accounts = { DC_STAFF[i], DC_ADMIN }, tags = { "admin-pc" } }
end

-- The SOC: SIEM, the link that shares events with the national monitoring
-- center (NCSC), a malware sandbox, the analysts, and the network sensors
-- that tap the data-center segments.
local SOC_ADMIN = office_admin("soc", "soc", "SOC tỉnh")
local SOC_STAFF = { SOC_ADMIN }
do
  local next_person = people("soc")
  for j = 1, 8 do
    local display, login = next_person()
    local name = "soc." .. login
    account { name = name, display = display, site = "soc", email = name .. "@" .. MAIL_DOMAIN }
    SOC_STAFF[#SOC_STAFF + 1] = name
    add_host { name = string.format("soc-pc-%02d", j), seg = SOC_LAN, ip = 100 + j, os = WIN11, role = "workstation",
               crit = "medium", services = WORKSTATION_SERVICES, accounts = { name, SOC_ADMIN }, tags = { "soc-analyst-pc" } }
  end
end
add_host { name = "soc-siem-01", seg = SOC_LAN, ip = 10, os = U22, role = "siem", crit = "critical", accounts = SOC_STAFF,
           services = { "udp/514 syslog rsyslog 8.2112", "tcp/6514 syslog-tls rsyslog 8.2112", "tcp/1514 wazuh Wazuh 4.5",
                        "tcp/443 https Wazuh dashboard 4.5" }, tags = { "siem" } }
add_host { name = "soc-siem-02", seg = SOC_LAN, ip = 11, os = U22, role = "siem", crit = "critical", accounts = SOC_STAFF,
           services = { "tcp/9200 https Wazuh indexer 4.5" }, tags = { "siem" } }
add_host { name = "soc-ncsc-gw-01", seg = SOC_LAN, ip = 12, os = U22, role = "server", crit = "high", accounts = SOC_STAFF,
           services = {}, tags = { "national-monitoring" } }
add_host { name = "soc-sandbox-01", seg = SOC_LAN, ip = 13, os = U22, role = "server", crit = "medium", accounts = SOC_STAFF,
           services = { "tcp/8000 http CAPEv2" }, tags = { "malware-sandbox" } }
add_host { name = "soc-sens-suricata-01", seg = SOC_SENSORS, ip = 10, os = U22, role = "sensor", crit = "high",
           accounts = SOC_STAFF, tags = { "ids-sensor" } }
add_host { name = "soc-sens-zeek-01", seg = SOC_SENSORS, ip = 11, os = U22, role = "sensor", crit = "high",
           accounts = SOC_STAFF, tags = { "ids-sensor" } }

------------------------------------------------------------------------------
-- Departments: one LAN each, behind the department's firewall
------------------------------------------------------------------------------

for n, d in ipairs(DEPARTMENTS) do
  site { id = d.id, kind = "department", parent = "bd", name = d.name, name_en = d.name_en, firewall = true }
  local lan = new_segment { id = d.id .. "-lan", site = d.id, zone = "lan",
                            cidr = string.format("10.11.%d.0/24", n), name = "LAN " .. d.name }
  local admin = office_admin(d.id, d.id, d.name)
  edge_firewall(lan, d.id, "department-firewall")
  add_host { name = d.id .. "-fs-01", seg = lan, ip = 10, os = WS2016, role = "file-server", crit = "medium", level = 2,
             services = { "tcp/139 netbios-ssn" }, accounts = { admin }, tags = { "file-share", "department-server" } }
  office_devices(lan, d.id, 11, "department-device")
  workstations(lan, d.id, d.id, d.staff, admin, "department-pc")
end

------------------------------------------------------------------------------
-- Districts and their commune-level units
------------------------------------------------------------------------------

local COMMUNES_OF = {}   -- district id -> commune site ids, for the policy below

for k, d in ipairs(DISTRICTS) do
  local octet = 20 + k
  local title = DISTRICT_TITLE[d.subkind]
  local name = title[1]:format(d.name)
  site { id = d.id, kind = "district", subkind = d.subkind, parent = "bd", firewall = true,
         name = name, name_en = title[2]:format(unaccent(d.name)) }

  -- The People's Committee: domain controller, file server, devices,
  -- workstations, and the APT sensor on its own small segment.
  local lan = new_segment { id = d.id .. "-lan", site = d.id, zone = "lan",
                            cidr = string.format("10.%d.0.0/24", octet), name = "LAN UBND " .. name }
  local sensor_seg = new_segment { id = d.id .. "-sensor", site = d.id, zone = "sensor",
                                   cidr = string.format("10.%d.250.0/28", octet), name = "Cảm biến APT " .. name }
  local admin = office_admin(d.id, d.id, "UBND " .. name)
  edge_firewall(lan, d.id, "district-firewall")
  add_host { name = d.id .. "-ad-01", seg = lan, ip = 10, os = WS2019, role = "domain-controller", crit = "high",
             services = AD_DS, accounts = { admin }, tags = { "district-server", "ad" } }
  add_host { name = d.id .. "-fs-01", seg = lan, ip = 11, os = WS2016, role = "file-server", crit = "medium",
             services = { "tcp/139 netbios-ssn" }, accounts = { admin }, tags = { "district-server", "file-share" } }
  office_devices(lan, d.id, 12, "district-device")
  workstations(lan, d.id, d.id, d.staff, admin, "district-pc")
  add_host { name = d.id .. "-apt-01", seg = sensor_seg, ip = 4, os = U20, role = "sensor", crit = "medium",
             services = { "tcp/443 https APT sensor console" }, accounts = { admin }, tags = { "apt-sensor" } }

  -- Commune-level units, numbered in table order: townships, wards, communes.
  COMMUNES_OF[d.id] = {}
  local n = 0
  for _, group in ipairs({ { "township", d.townships }, { "ward", d.wards }, { "commune", d.communes } }) do
    local subkind, names = group[1], group[2] or {}
    for _, short in ipairs(names) do
      n = n + 1
      local id = d.id .. "-" .. slug(short)
      local ctitle = COMMUNE_TITLE[subkind]
      local cname = ctitle[1]:format(short)
      site { id = id, kind = "commune", subkind = subkind, parent = d.id, firewall = true,
             name = cname, name_en = ctitle[2]:format(unaccent(short)) }
      local clan = new_segment { id = id .. "-lan", site = id, zone = "lan",
                                 cidr = string.format("10.%d.%d.0/24", octet, n), name = "LAN UBND " .. cname }
      local cadmin = office_admin(id, d.id .. "." .. squash(short), "UBND " .. cname)
      edge_firewall(clan, id, "commune-firewall")
      office_devices(clan, id, 10, "commune-device")
      workstations(clan, id, d.id .. "." .. squash(short), COMMUNE_STAFF[subkind](n), cadmin, "commune-pc")
      COMMUNES_OF[d.id][n] = id
    end
  end
end

------------------------------------------------------------------------------
-- Information systems
------------------------------------------------------------------------------

local monitored = {}
for _, id in ipairs(MONITORED) do
  if not system_hosts[id] then error("MONITORED names '" .. id .. "', which is not a system in SYSTEMS") end
  monitored[id] = true
end

for _, s in ipairs(SYSTEMS) do
  if #system_hosts[s.id] == 0 then error("system '" .. s.id .. "' has no host in DC_HOSTS") end
  system { id = s.id, name = s.name, name_en = s.name_en, level = s.level, owner = s.owner,
           hosts = system_hosts[s.id], monitored = monitored[s.id] == true }
end

------------------------------------------------------------------------------
-- Sensors
------------------------------------------------------------------------------

-- Network sensors on the data-center taps, read by the SOC.
local DC_TAPPED = { "dc-dmz", "dc-apps", "dc-db", "dc-mail-gw", "dc-mail-store" }
sensor { id = "soc-suricata", type = "suricata", site = "soc", watch = { segments = DC_TAPPED } }
sensor { id = "soc-zeek",     type = "zeek",     site = "soc", watch = { segments = DC_TAPPED } }

-- Host sensors: Windows event logs and Sysmon from the servers of the
-- monitored systems (the formatter only speaks for the Windows ones), mail
-- logs from the anti-spam gateways, sshd from the Linux servers.
sensor { id = "soc-wineventlog", type = "windows",      site = "soc", watch = { systems = "monitored" } }
sensor { id = "soc-sysmon",      type = "sysmon",       site = "soc", watch = { systems = "monitored" } }
sensor { id = "soc-postfix",     type = "postfix",      site = "soc", watch = { hosts = { "dc-mailgw-01", "dc-mailgw-02" } } }
sensor { id = "soc-spamassassin", type = "spamassassin", site = "soc", watch = { hosts = { "dc-mailgw-01", "dc-mailgw-02" } } }
sensor { id = "soc-sshd",        type = "sshd",         site = "soc", watch = { hosts = linux_servers } }

-- FortiGate logs: the perimeter, the data center, remote-access VPN, and
-- every department, district and commune edge. A firewall sensor sits at the
-- site whose edge it logs.
sensor { id = "fgt-bd",  type = "fortigate", site = "bd", watch = { firewall = "bd" } }
sensor { id = "fgt-dc",  type = "fortigate", site = "dc", watch = { firewall = "dc" } }
sensor { id = "fgt-vpn", type = "fortigate", site = "dc", watch = { hosts = { "dc-vpn-01" } } }
for _, d in ipairs(DEPARTMENTS) do
  sensor { id = "fgt-" .. d.id, type = "fortigate", site = d.id, watch = { firewall = d.id } }
end
for _, d in ipairs(DISTRICTS) do
  -- The APT sensor sits in the district and sees all of it (communes
  -- included); its alerts go to the provincial SOC.
  sensor { id = "apt-" .. d.id, type = "apt", site = d.id, watch = { sites = { d.id } } }
  sensor { id = "fgt-" .. d.id, type = "fortigate", site = d.id, watch = { firewall = d.id } }
  for _, c in ipairs(COMMUNES_OF[d.id]) do
    sensor { id = "fgt-" .. c, type = "fortigate", site = c, watch = { firewall = c } }
  end
end

------------------------------------------------------------------------------
-- Firewall policy. First match wins; flows between segments that no rule
-- allows are dropped. The loader orders rules by the line they are written
-- on, so every rule is written out here at top level, in order.
------------------------------------------------------------------------------

local DB_PORTS = { "tcp/1433", "tcp/1521", "tcp/3306", "tcp/5432" }
local WEB = { "tcp/80", "tcp/443" }
local LOGS = { "udp/514", "tcp/6514", "tcp/1514" }
-- What every server needs from the shared infrastructure in dc-apps: name
-- resolution, the provincial domain, Windows updates, the antivirus console.
local INFRA = { "udp/53", "tcp/53", "tcp/88", "tcp/389", "tcp/8530", "tcp/13000" }

-- From the Internet: only the public front doors.
allow { from = "internet", to = "zone:dmz", ports = WEB }                      -- portals, public services, webmail, SSL-VPN
allow { from = "internet", to = "zone:dmz", ports = { "udp/53", "tcp/53" } }   -- authoritative DNS for the province's domains
allow { from = "internet", to = "zone:dmz", ports = { "udp/500", "udp/4500" } } -- IPsec remote access
allow { from = "internet", to = "dc-mail-gw", ports = "tcp/25" }               -- mail enters only through the anti-spam gateways
deny  { from = "internet", to = "any" }                                        -- ends the inbound section: no rule below can open a door from outside

-- Administration and monitoring.
allow { from = "zone:mgmt", to = "bd" }                                       -- the management zone reaches everything inside
allow { from = "soc", to = "zone:sensor", ports = { "tcp/22", "tcp/443" } }   -- the SOC runs its sensors, district APT sensors included
allow { from = "bd", to = "soc-lan", ports = LOGS }                           -- logs flow into the SIEM from everywhere inside
allow { from = "soc-lan", to = "internet", ports = "tcp/6514" }               -- events shared with the national monitoring center

-- A public server that falls must not become a bridge inwards.
deny  { from = "zone:dmz", to = { "zone:lan", "zone:mgmt", "zone:sensor", "zone:wan", "zone:soc" } }
allow { from = "zone:dmz", to = "dc-apps", ports = copy_into({ "tcp/443", "tcp/8080", "tcp/8243" }, INFRA) }
allow { from = "zone:dmz", to = "dc-db", ports = DB_PORTS }                    -- portal content databases
allow { from = "zone:dmz", to = "dc-mail-store", ports = { "tcp/443", "tcp/993", "tcp/587" } } -- webmail proxy

-- Inside the data center.
allow { from = "dc-apps", to = "dc-db", ports = DB_PORTS }
allow { from = { "dc-db", "zone:mail" }, to = "dc-apps", ports = INFRA }
allow { from = { "dc-apps", "dc-mail-store" }, to = "dc-mail-gw", ports = "tcp/25" } -- outgoing mail goes out through the gateways
allow { from = "dc-mail-gw", to = "dc-mail-store", ports = "tcp/25" }                -- filtered mail is delivered to the mailboxes
allow { from = "dc-mail-gw", to = "internet", ports = "tcp/25" }
allow { from = "dc-apps", to = "zone:lan", ports = { "tcp/1720", "udp/5060" } }      -- the MCU dials the conference rooms

-- Department, district and commune LANs, over the specialised data network.
deny  { from = "zone:lan", to = { "dc-db", "zone:mgmt", "zone:sensor" } }    -- users never talk to databases, management or sensors
allow { from = "zone:lan", to = "zone:dmz", ports = WEB }                     -- portals, public services, webmail
allow { from = "zone:lan", to = "dc-apps", ports = copy_into({ "tcp/80", "tcp/443", "tcp/8243" }, INFRA) } -- QLVB, one-stop-shop, LGSP, land records...
allow { from = "zone:lan", to = "dc-mail-store", ports = { "tcp/443", "tcp/993", "tcp/587" } }           -- mail clients
allow { from = "zone:lan", to = "dc-apps", ports = { "tcp/1720", "tcp/5061", "udp/5060" } }              -- conference rooms call the MCU
-- District IT staff support their own communes' PCs by remote desktop.
-- (One rule per district; they never overlap, so their order is moot.)
for _, d in ipairs(DISTRICTS) do
  allow { from = d.id .. "-lan", to = COMMUNES_OF[d.id], ports = "tcp/3389" }
end

-- Out to the Internet.
deny  { from = { "dc-db", "zone:sensor" }, to = "internet" }                  -- databases and sensors never talk to the outside
allow { from = "zone:mgmt", to = "internet", ports = "tcp/443" }              -- vendor updates (FortiGuard, VMware)
deny  { from = "zone:mgmt", to = "internet" }                                 -- and nothing else: admins do not browse from here
allow { from = "bd", to = "internet", ports = { "tcp/80", "tcp/443", "udp/53", "tcp/53" } }
