---@meta
-- The scenario API, for editors (LuaLS). Not loaded by irdrill; see
-- docs/scenario-api.md for what each call does.

---@alias Duration integer  microseconds of simulated time
---@alias Bilingual { vi: string, en: string }

---@class ScenarioInfo
---@field id string
---@field title Bilingual
---@field description? Bilingual
---@field author? string
---@field version? string
---@field techniques? string[]  ATT&CK ids, e.g. "T1566.001"
---@field duration? Duration
---@field seed? integer
---@field network? string  id of the targeted network model
---@field start? string  "2023-11-08T08:00:00+07:00"

---@param info ScenarioInfo
function scenario(info) end

---@param o { id: string, title: Bilingual }
---@return string id
function objective(o) end

---@param id string
---@param detail? string
function achieve(id, detail) end

---@param id string
---@param reason? string
function prevent(id, reason) end

---@param name string
---@param fn fun()
function actor(name, fn) end

---@alias TeamEvent "isolate"|"release"|"block"|"unblock"|"disable"|"enable"|"reset"|"patch"|"shutdown"|"start"|"restore"|"ack"|"classify"|"note"|"kill"|"reimage"|"report"|"escalate"|"hint"
---@param event TeamEvent
---@param fn fun(ev: { event: string, team: string, target: string, command: string, time: integer })
function on(event, fn) end

---@param m string|{ to?: string, text: Bilingual }
function message(m) end

---@alias ReportField "systems"|"level"|"vector"|"techniques"|"indicators"

---@class Expectation  exactly one of detect, contain, report, keep_up (docs/scoring.md)
---@field id? string  default "<kind>-<what>"
---@field detect? string  an attack step: ack or classify true-positive an alert it produced
---@field contain? string|{ step: string }  a host, or the first host a step (phish, exploit, move, logon) took
---@field report? "soc"|"coordinator"
---@field keep_up? string  a system or a host
---@field within? Duration  detect (default 30 min), contain (none), report (default 2 h, from the first step taking hold)
---@field before? string  contain: an objective id, declared first
---@field max_down? Duration  keep_up (default 0)
---@field points? integer  default 20 detect, 30 otherwise
---@field partial? integer  late (or partly right); default half the points, 0 for keep_up
---@field fields? ReportField[]  report: what must be right (default systems, vector, indicators)
---@field indicators? string[]  report: the attacker's addresses, domains, hashes the sensors may not show

---@param e Expectation
function expect(e) end

---@param n number
---@return Duration
function seconds(n) end
---@param n number
---@return Duration
function minutes(n) end
---@param n number
---@return Duration
function hours(n) end
---@param n number
---@return Duration
function days(n) end
---@return integer
function now() end
---@param d Duration
function wait(d) end
---@param t integer
function wait_until(t) end
---@param d Duration
---@param fraction? number  default 0.2
---@return Duration
function jitter(d, fraction) end

---@class HostInfo
---@field name string
---@field ip string
---@field public_ip? string
---@field os string
---@field role string
---@field site string
---@field segment string
---@field zone string
---@field criticality "low"|"medium"|"high"|"critical"
---@field level integer
---@field compromised boolean
---@field isolated boolean
---@field down boolean
---@field defaced boolean
---@field flooded boolean
---@field accounts string[]
---@field tags string[]
---@field systems string[]

---@param name string
---@return HostInfo
function host(name) end

---@alias HostQuery { site?: string, role?: string, tag?: string, zone?: string, system?: string, os?: string }
---@param q HostQuery
---@return string[]
function hosts(q) end
---@param q HostQuery
---@return string|nil
function find_host(q) end

---@param id string
---@return { id: string, name: string, name_en?: string, level: integer, monitored: boolean, available: boolean, hosts: string[] }
function system(id) end

---@param s { account: string, host: string, from: string, source?: string, subject?: string, attachment?: string, hash?: string, technique?: string }
---@return boolean ok
---@return string? reason
function phish(s) end
---@param s { host: string, port: integer, from: string, cve?: string, technique?: string }
---@return boolean ok
---@return string? reason
function exploit(s) end
---@param s { host: string, command?: string, technique?: string }
---@return boolean ok
---@return string? reason
function execute(s) end
---@param s { host: string, method?: string, technique?: string }
---@return boolean ok
---@return string? reason
function persist(s) end
---@param s { host: string, technique?: string }
---@return boolean ok
---@return string[]|string accounts_or_reason
function dump_credentials(s) end
---@param s { from: string, to: string, account: string, via?: "smb"|"rdp"|"winrm"|"ssh"|"mssql", technique?: string }
---@return boolean ok
---@return string? reason
function move(s) end
---@param s { host: string, c2: string, domain?: string, port?: integer, technique?: string }
---@return boolean ok
---@return string? reason
function beacon(s) end
---@param s { host: string, c2: string, domain?: string, port?: integer, bytes?: integer, technique?: string }
---@return boolean ok
---@return string? reason
function exfiltrate(s) end
---@param s { host: string, technique?: string }
---@return boolean ok
---@return string? reason
function encrypt(s) end
---@param s { account: string, host: string, via: "vpn"|"rdp"|"ssh"|"smb"|"winrm"|"mssql", from: string, gateway?: string, technique?: string }
---@return boolean ok
---@return string? reason
function logon(s) end
---@param s { host: string, page?: string, content?: string, from?: string, technique?: string }
---@return boolean ok
---@return string? reason
function deface(s) end
---@param s { target: string, sources: string[], port: integer, proto?: "tcp"|"udp", rate: integer, capacity: integer, duration?: Duration, technique?: string }
---@return boolean ok  the target stayed overwhelmed until the wave ended
---@return string? reason
function flood(s) end

---@param s { name: string, senders?: string[], domains?: string[], total?: integer, duration?: Duration, slip?: integer, subject?: string, hash?: string, stop?: boolean, technique?: string }
---@return boolean ok  some of its mail reaches a gateway and is not refused for its domain
---@return string? reason
function mail_storm(s) end

---@class StormInfo
---@field name string
---@field running boolean
---@field sent integer
---@field dropped integer  stopped at a firewall (IP blocks) or by an unreachable gateway
---@field rejected integer  refused by the gateways (RBL, blocked sender domain)
---@field discarded integer  accepted, then discarded on its spam score
---@field blocked integer  dropped + rejected + discarded
---@field delivered integer
---@field reaching number  the share (0 to 1) of its mail that reaches a gateway un-refused now

---@param name string
---@return StormInfo
function storm(name) end
