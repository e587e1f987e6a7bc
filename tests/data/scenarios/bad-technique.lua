scenario { id = "bad-technique", title = { vi = "Sai", en = "Wrong" },
           techniques = { "T1566.001", "phishing" } }
