-- expect: ^FILE: no network \{
site { id = "p", kind = "province", name = "P" }
