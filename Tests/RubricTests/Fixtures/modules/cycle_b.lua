return { a = use "cycle_a" }
