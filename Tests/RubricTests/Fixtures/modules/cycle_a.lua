-- Module a uses module b, which uses a.
return { b = use "cycle_b" }
