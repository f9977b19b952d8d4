// Rubric's benchmarks (`make bench`, release build). Figures are printed, never asserted.
//
//   RubricBench sandbox [RULES]     what the sandbox limits cost
//   RubricBench throughput [RULES]  the bare-Lua floor, batch 1 and 2 threads, latency, cold start,
//                                   scaling with rule count and profile size
//   RubricBench scaling [RULES]     only the scaling with rule count (×1, ×10, ×100 on the same profiles)
//   RubricBench latency [RULES]     one recommendation in process, phase by phase
//   RubricBench floor-inputs [RULES] DIR  write the bare-Lua floor's inputs to DIR (to profile it alone)
//   RubricBench instructions [RULES]  instructions a profile (callgrind): rubric batch and the minimal floor
// Environment: BENCH_PROFILES (throughput: default 100000; latency: 5000), BENCH_MILLION=1 adds the 1,000,000-profile RSS run.
import Foundation

let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "all"
let rulesDir = args.count > 2 ? args[2] : "rules"
if mode == "sandbox" || mode == "all" { try sandboxCost(rulesDir: rulesDir) }
if mode == "floor-inputs" { try floorInputs(rulesDir: rulesDir, into: args.count > 3 ? args[3] : "floor-inputs") }
if mode == "latency" || mode == "all" { try latency(rulesDir: rulesDir) }
if mode == "throughput" || mode == "all" { try throughput(rulesDir: rulesDir) }
if mode == "scaling" { try scaling(rulesDir: rulesDir) }
if mode == "instructions" || mode == "all" { try instructions(rulesDir: rulesDir) }
