-- Spinal stenosis: what the seed articles claim, graded against the evidence
-- (clinical brief §1 rows 8, 9, 24, 25; §2.2). No technique has been shown to
-- beat Swedish massage, so the points stay small.

rule {
  id = "stenosis.myofascial_release",
  title = "Myofascial release for spinal stenosis (seed claim, weak evidence)",
  kind = "indication",
  grade = "weak",
  evidence = { "001_2442861526bc30ee.txt", "Wu-2021" },
  apply = function(client)
    if client:has_condition("lumbar_spinal_stenosis") or client:has_condition("spinal_stenosis") then
      points("myofascial_release", 2,
        "Mild fascial pressure may ease tension and range of motion in stenosis; trials are few and mixed")
    end
  end,
}

rule {
  id = "stenosis.swedish",
  title = "Swedish massage for spinal stenosis",
  kind = "indication",
  grade = "weak",
  evidence = { "003_c60ed9b40b84202d.txt", "Cherkin-2011" },
  apply = function(client)
    if client:has_condition("lumbar_spinal_stenosis") or client:has_condition("spinal_stenosis")
      or client:has_condition("cervical_spinal_stenosis") then
      points("swedish", 2, "Swedish massage may relieve pain in stenosis; no technique has been shown to do better")
    end
  end,
}

rule {
  id = "stenosis.mfr_without_oil",
  title = "Myofascial release works on dry skin",
  kind = "caution",
  grade = "practice",
  evidence = { "001_2442861526bc30ee.txt" },
  apply = function(client)
    if client:has_condition("lumbar_spinal_stenosis") or client:has_condition("spinal_stenosis") then
      caution("myofascial_release", "Work without oil or cream; the seed article says it works better on dry skin")
    end
  end,
}
