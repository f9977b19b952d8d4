-- does not compile: the pool must not start
rule { id = "pool.bad", title = "x",
