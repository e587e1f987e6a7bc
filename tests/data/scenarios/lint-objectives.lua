-- An objective nothing can achieve, one achieved under a misspelt id, and
-- a subscription to a team action that does not exist, all on a branch
-- the dry run never takes.
scenario { id = "lint-objectives", title = { vi = "Mục tiêu", en = "Objectives" },
           network = "binh-duong-2023", duration = hours(1) }
objective { id = "deface-portal", title = { vi = "Thay giao diện cổng", en = "Deface the portal" } }
objective {
  id = "seo-spam",
  title = { vi = "Chèn quảng cáo cờ bạc", en = "Inject gambling spam" },
}

actor("crew", function()
  local ok = exploit { host = "dc-portal-web-01", port = 443, from = "198.51.100.23" }
  if ok then
    achieve("deface-portal")
  else
    on("restored", function() end)
    prevent("seo-spam", "blocked")
    achieve("seo_spam")
  end
end)
